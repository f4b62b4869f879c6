package dev.punctual.api.job.idempotency;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.BackgroundLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys older than their retention every {@link #INTERVAL}. Expired keys are
 * ignored even before they are purged; this only keeps the table small.
 */
@Component
class PurgeIdempotencyKeys extends BackgroundLoop {

  private static final Logger log = LoggerFactory.getLogger(PurgeIdempotencyKeys.class);
  static final Duration INTERVAL = Duration.ofMinutes(10);

  private final IdempotencyKeys keys;
  private final Clock clock;
  private final Duration retention;

  PurgeIdempotencyKeys(
      IdempotencyKeys keys, Clock clock, ApiProperties properties, MeterRegistry meters) {
    super("purge-idempotency-keys", properties.retryBackoff(), meters);
    this.keys = keys;
    this.clock = clock;
    this.retention = properties.idempotencyKeyRetention();
  }

  @Override
  protected Duration runOnce() {
    int purged = keys.purge(clock.instant().minus(retention));
    if (purged > 0) {
      log.debug("Purged {} idempotency keys older than {}", purged, retention);
    }
    return INTERVAL;
  }
}
