package dev.punctual.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka broker in KRaft mode (broker and controller in the same node), running in this
 * JVM. Its log directory is formatted on first use and reused afterwards, so topics and committed
 * offsets survive a restart. Transactions work with a single broker (the transaction log has a
 * replication factor of 1), so exactly-once applications run against it unchanged.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String CLUSTER_ID = "cHVuY3R1YWwtc3RhbmQ"; // any 22-char base64 UUID
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker.
   *
   * @param dataDirectory where the log lives; created and formatted if new
   * @param port client port on localhost, or 0 for a free one
   * @param controllerPort port of the KRaft controller listener, or 0 for a free one
   * @param overrides further broker properties, e.g. {@code num.partitions}
   */
  public static EmbeddedKafka start(
      Path dataDirectory, int port, int controllerPort, Map<String, String> overrides) {
    int clientPort = FreePorts.orFree(port);
    int quorumPort = FreePorts.orFree(controllerPort);
    var logDir = dataDirectory.toAbsolutePath().resolve("logs");
    var properties = brokerProperties(logDir, clientPort, quorumPort);
    properties.putAll(overrides);
    var config = KafkaConfig.fromProps(properties, false);
    formatIfNew(logDir);
    var server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    var bootstrap = "localhost:" + clientPort;
    log.info("Kafka broker (KRaft) listening on {}, data in {}", bootstrap, logDir);
    return new EmbeddedKafka(server, bootstrap);
  }

  /** Starts a broker with data in a new temporary directory and free ports, for tests. */
  public static EmbeddedKafka startForTests() {
    try {
      return start(Files.createTempDirectory("punctual-kafka-"), 0, 0, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  public void createTopics(Collection<NewTopic> topics) {
    try (var admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (var entry : admin.createTopics(topics).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the broker did not create the topics within 30 s", e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    log.info("Kafka broker on {} stopped", bootstrapServers);
  }

  private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
    var p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", logDir.toString());
    // One broker: every internal topic has one replica, and exactly-once needs the transaction
    // log to accept that.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "10");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "10");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    failoverWithinSeconds(p);
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    return p;
  }

  /**
   * Lets a crashed scheduler's tasks move within about 3 s (issue 12). A group member may ask for a
   * session as short as 1 s (Kafka's floor is 6 s for classic groups, 45 s for streams groups), and
   * a transaction whose producer died is aborted at most half a second after its timeout (Kafka
   * checks every 10 s). Until that abort, {@code read_committed} readers see nothing that was
   * written after the dead transaction on the same partitions.
   */
  private static void failoverWithinSeconds(Properties p) {
    p.put("group.min.session.timeout.ms", "1000");
    p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");
    // Streams groups (group.protocol=streams) take their timeouts from group configs, within
    // these bounds.
    p.put("group.streams.min.session.timeout.ms", "1000");
    p.put("group.streams.min.heartbeat.interval.ms", "250");
  }

  private static void formatIfNew(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      // The formatter reports on a PrintStream; its lines go to the log, not to the console.
      var report = new ByteArrayOutputStream();
      new Formatter()
          .setClusterId(CLUSTER_ID)
          .setNodeId(NODE_ID)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setPrintStream(new PrintStream(report, true, StandardCharsets.UTF_8))
          .run();
      log.info("{}", report.toString(StandardCharsets.UTF_8).strip());
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
    }
  }
}
