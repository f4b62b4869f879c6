package dev.punctual.api.testing;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.model.topic.Topics;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One PostgreSQL and one Kafka broker for all integration tests of this JVM, started on first use
 * and stopped when the JVM exits, with the topics created (3 partitions each). Tests that run an
 * application of their own next to the shared one take an {@link #isolated} database and topics, so
 * that the two never relay or consume each other's data.
 */
public final class TestServers {

  public static final int PARTITIONS = 3;

  private static EmbeddedPostgres postgres;
  private static EmbeddedKafka kafka;

  private TestServers() {}

  public static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      postgres = EmbeddedPostgres.startForTests();
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
    }
    return postgres;
  }

  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.startForTests();
      kafka.createTopics(Topics.DEFAULT.newTopics(PARTITIONS, (short) 1));
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
    }
    return kafka;
  }

  /** Points the application at the servers. */
  public static void register(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres().jdbcUrl());
    registry.add("spring.datasource.username", () -> postgres().username());
    registry.add("spring.datasource.password", () -> postgres().password());
    registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
  }

  /**
   * Command-line settings for a database of its own (created if new) in the shared PostgreSQL.
   *
   * @param name lower-case letters and digits
   */
  public static synchronized List<String> database(String name) {
    var jdbc = JdbcClient.create(postgres().dataSource());
    var exists =
        jdbc.sql("SELECT count(*) FROM pg_database WHERE datname = :name")
            .param("name", name)
            .query(Long.class)
            .single();
    if (exists == 0) {
      jdbc.sql("CREATE DATABASE " + name).update();
    }
    return List.of(
        "--spring.datasource.url=" + postgres().jdbcUrl().replaceFirst("/postgres$", "/" + name),
        "--spring.datasource.username=" + postgres().username(),
        "--spring.datasource.password=" + postgres().password());
  }

  /**
   * Command-line settings for topics of their own ({@code <name>.jobs} …, created if new) on the
   * shared broker, with consumer groups of their own.
   */
  public static synchronized List<String> topics(String name) {
    kafka().createTopics(new Topics(name + ".").newTopics(PARTITIONS, (short) 1));
    return List.of(
        "--spring.kafka.bootstrap-servers=" + kafka().bootstrapServers(),
        "--punctual.api.topic-prefix=" + name + ".",
        "--punctual.api.consumer-group-id=punctual-api-" + name);
  }
}
