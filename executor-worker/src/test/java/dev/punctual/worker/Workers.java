package dev.punctual.worker;

import static org.awaitility.Awaitility.await;

import dev.punctual.model.topic.Topics;
import dev.punctual.worker.execution.ConsumeFires;
import dev.punctual.worker.execution.LoopStatus;
import dev.punctual.worker.http.DestinationRules;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** Worker applications for integration tests, in this JVM. */
public final class Workers {

  private Workers() {}

  /** The group id tests use for an installation's workers. */
  public static String groupOf(Topics topics) {
    return topics.prefix() + "workers";
  }

  /**
   * The command-line arguments of a worker of {@code topics}: a free HTTP port, the test broker,
   * loopback allowed (the test's endpoints listen there), a short grace period, then {@code more}.
   */
  public static List<String> arguments(Topics topics, String workerId, String... more) {
    var args = new ArrayList<String>();
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    args.add("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers());
    args.add("--punctual.worker.topic-prefix=" + topics.prefix());
    args.add("--punctual.worker.group-id=" + groupOf(topics));
    args.add("--punctual.worker.worker-id=" + workerId);
    args.add("--punctual.worker.shutdown-grace-period=PT10S");
    args.add("--" + DestinationRules.ALLOWED_CIDRS + "=" + DestinationRules.LOOPBACK_CIDRS);
    // A property given again in more replaces the default (Spring would join list values).
    for (var extra : more) {
      var name = extra.substring(0, extra.indexOf('=') + 1);
      args.removeIf(arg -> arg.startsWith(name));
      args.add(extra);
    }
    return args;
  }

  /** Starts a worker and waits until its consumer joined the group. */
  public static ConfigurableApplicationContext start(
      Topics topics, String workerId, String... more) {
    var context =
        WorkerApplication.builder().run(arguments(topics, workerId, more).toArray(String[]::new));
    await().atMost(TestKafka.DEADLINE).until(() -> state(context) == LoopStatus.State.RUNNING);
    return context;
  }

  public static LoopStatus.State state(ConfigurableApplicationContext worker) {
    return worker.getBean(ConsumeFires.class).status().state();
  }
}
