package dev.punctual.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The REST API of Punctual: job definitions in PostgreSQL, published to the jobs topic (and
 * triggers to the commands topic) through a transactional outbox, with the jobs, fires and results
 * topics projected back (jobs other producers wrote, the executions history, the last runs).
 */
@SpringBootApplication
@EnableConfigurationProperties(ApiProperties.class)
public class ApiApplication {

  /** The name of this service's configuration file ({@code punctual-api.yml}). */
  public static final String CONFIG_NAME = "punctual-api";

  /**
   * The application with its configuration name set; {@code standalone} runs it with {@code
   * builder().run(args)}, passing {@code --spring.datasource.url}, {@code
   * --spring.datasource.username}, {@code --spring.datasource.password} and {@code
   * --spring.kafka.bootstrap-servers}.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ApiApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME);
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
