package dev.punctual.api.testing;

import dev.punctual.api.ApiApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance of the API service started the way standalone starts it ({@link
 * ApiApplication#builder()}), on a free port, for tests that need more than the shared one: several
 * instances, or servers of their own.
 */
public final class RunningApi implements AutoCloseable {

  private static final String SECURITY_ENABLED = "punctual.api.security.enabled";

  private final ConfigurableApplicationContext context;

  private RunningApi(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts an instance with these command-line settings (and a free port, quick retries, and
   * security off unless they say otherwise).
   */
  public static RunningApi start(List<String> arguments) {
    var all = new ArrayList<String>();
    all.add("--server.port=0");
    all.add("--management.server.port=0");
    all.add("--punctual.api.retry-backoff=200ms");
    if (arguments.stream().noneMatch(a -> a.startsWith("--punctual.api.rate-limit."))) {
      // Far above what a test sends, unless the test is about rate limits.
      all.add("--punctual.api.rate-limit.requests-per-second=100000");
      all.add("--punctual.api.rate-limit.burst=1000000");
    }
    // A repeated command-line key would be read as a list, so only when the test sets none.
    if (arguments.stream().noneMatch(a -> a.startsWith("--" + SECURITY_ENABLED + "="))) {
      all.add("--" + SECURITY_ENABLED + "=false");
    }
    all.addAll(arguments);
    return new RunningApi(ApiApplication.builder().run(all.toArray(String[]::new)));
  }

  public ApiClient api() {
    return new ApiClient(
        context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }
}
