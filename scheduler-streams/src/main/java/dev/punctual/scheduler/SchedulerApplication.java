package dev.punctual.scheduler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The scheduler service: a Kafka Streams application that keeps every job's timer in state stores
 * and emits a fire event when a job is due. Its configuration file is {@value #CONFIG_NAME}{@code
 * .yml}, so that it can share a JVM with the other services ({@code standalone}).
 *
 * <p>The DataSource and Flyway auto-configurations are excluded: the scheduler has no database, but
 * in {@code standalone} the API service puts them on the classpath, where they would fail for lack
 * of a database URL. The other JDBC auto-configurations need a DataSource bean and back off.
 */
@SpringBootApplication(
    excludeName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
    })
public class SchedulerApplication {

  /** The name of the configuration file ({@code spring.config.name}). */
  public static final String CONFIG_NAME = "punctual-scheduler";

  /** The application with its configuration name set; {@code standalone} runs it with this. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SchedulerApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
