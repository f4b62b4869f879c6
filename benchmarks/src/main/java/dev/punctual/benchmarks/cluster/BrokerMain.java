package dev.punctual.benchmarks.cluster;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.model.topic.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The broker alone, in a process of its own, so that the chaos scenario can restart it (and kill
 * every other process) while the benchmark's JVM keeps counting: {@code BrokerMain <dataDir> <port>
 * <controllerPort> <partitions>}. The log directory persists across restarts; the topics are
 * created on the first start.
 */
public final class BrokerMain {

  /** Printed once the broker serves its topics: the benchmark waits for it. */
  static final String READY = "punctual-bench broker ready";

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int partitions = Integer.parseInt(args[3]);
    var kafka =
        EmbeddedKafka.start(
            Path.of(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Map.of("num.partitions", String.valueOf(partitions)));
    var topics = new ArrayList<>(Topics.DEFAULT.newTopics(partitions, (short) 1));
    topics.add(new NewTopic(EmbeddedCluster.OUTPUT_TOPIC, partitions, (short) 1));
    kafka.createTopics(topics);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                },
                "broker-shutdown"));
    System.out.println(READY);
    stopped.await();
  }
}
