package dev.punctual.api.testing;

import dev.punctual.embedded.EmbeddedKafka;
import dev.punctual.embedded.EmbeddedPostgres;
import dev.punctual.model.topic.Topics;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One PostgreSQL and one Kafka broker for all integration tests of this JVM, started on first use
 * and stopped when the JVM exits, with the topics created (3 partitions each).
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
}
