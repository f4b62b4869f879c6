package dev.punctual.api.ratelimit;

import dev.punctual.api.ApiProperties;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link LimitRequestRate} after Spring Security's filter chain (order {@value
 * #FILTER_ORDER}, Spring Security's default being -100), so that the caller is authenticated when
 * its budget is looked up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "punctual.api.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

  static final int FILTER_ORDER = -90;

  @Bean
  FilterRegistrationBean<LimitRequestRate> limitRequestRate(
      DataSource dataSource, ApiProperties properties, MeterRegistry meters) {
    // SELECT … FOR UPDATE on the caller's row: takes a String key as it is (the advisory-lock
    // variant needs a numeric lock id per key), and a row per caller is what we want to see.
    var proxyManager =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_buckets")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10)))
            .build();
    var registration =
        new FilterRegistrationBean<>(
            new LimitRequestRate(proxyManager, properties.rateLimit(), meters));
    registration.setOrder(FILTER_ORDER);
    registration.setName("limitRequestRate");
    return registration;
  }
}
