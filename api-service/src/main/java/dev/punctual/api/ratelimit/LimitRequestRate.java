package dev.punctual.api.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.punctual.api.ApiProperties;
import dev.punctual.api.security.Callers;
import dev.punctual.api.system.FilterProblems;
import dev.punctual.api.system.TooManyRequestsException;
import io.github.bucket4j.BandwidthBuilder;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes one token from the caller's bucket for every request outside the unlimited paths, sets the
 * {@code RateLimit-*} headers, and answers 429 when the bucket is empty. The bucket lives in
 * PostgreSQL, so every instance draws on the same budget; when PostgreSQL cannot be asked, the
 * request passes (fail open: the limiter must not turn an outage of the limiter into an outage of
 * the API, and a request that needs PostgreSQL is answered 503 by itself), counted in {@code
 * punctual.api.rate.limit.failed.open}.
 *
 * <p>One {@link BucketProxy} per caller is kept on this instance (Caffeine, expiring when unused)
 * with Bucket4j's delaying optimisation: the instance answers from its own copy of the bucket and
 * writes what it took back to PostgreSQL (reading what the others took) every {@code
 * rate-limit.sync-interval} or tenth of the burst, whichever comes first; so a busy caller costs a
 * few transactions per second instead of one per request. With a sync interval of 0 it uses the
 * batching optimisation instead: every request asks PostgreSQL, and concurrent requests of one
 * caller share one round trip rather than queueing on the row lock one by one.
 */
class LimitRequestRate extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LimitRequestRate.class);

  /** Health, metrics, the API's documentation and the dashboard's static files are not limited. */
  static final List<String> UNLIMITED =
      List.of("/actuator", "/api-docs", "/v3/api-docs", "/asyncapi.json", "/ui");

  private final long limit;
  private final LoadingCache<String, BucketProxy> buckets;
  private final Counter failedOpen;
  private final Counter refused;
  private final AtomicBoolean failingOpen = new AtomicBoolean();

  LimitRequestRate(
      ProxyManager<String> proxyManager, ApiProperties.RateLimit settings, MeterRegistry meters) {
    this.limit = settings.burst();
    var configuration =
        BucketConfiguration.builder()
            .addLimit(
                BandwidthBuilder.builder()
                    .capacity(settings.burst())
                    .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
                    .build())
            .build();
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build(
                key ->
                    proxyManager
                        .builder()
                        .withOptimization(optimization(settings))
                        .build(key, () -> configuration));
    this.failedOpen =
        Counter.builder("punctual.api.rate.limit.failed.open")
            .description("Requests let through unchecked because PostgreSQL could not be asked")
            .register(meters);
    this.refused =
        Counter.builder("punctual.api.rate.limit.refused")
            .description("Requests answered 429 because the caller's budget was used up")
            .register(meters);
  }

  private static Optimization optimization(ApiProperties.RateLimit settings) {
    if (settings.syncInterval().isZero()) {
      return Optimizations.batching();
    }
    return Optimizations.delaying(
        new DelayParameters(settings.unsynchronizedRequests(), settings.syncInterval()));
  }

  static boolean isLimited(String path) {
    return UNLIMITED.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isLimited(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var headers = consume(Callers.current(request).rateLimitKey());
    if (headers != null) {
      headers.applyTo(response);
      if (headers.refused()) {
        refused.increment();
        FilterProblems.answer(
            request, response, new TooManyRequestsException(headers.retryAfterSeconds()));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** The headers after taking one token, or {@code null} when PostgreSQL could not be asked. */
  private RateLimitHeaders consume(String key) {
    try {
      var probe = buckets.get(key).tryConsumeAndReturnRemaining(1);
      if (failingOpen.compareAndSet(true, false)) {
        log.info("Rate limits are checked again: PostgreSQL answers");
      }
      return RateLimitHeaders.of(probe, limit);
    } catch (RuntimeException e) {
      failedOpen.increment();
      if (failingOpen.compareAndSet(false, true)) {
        log.warn(
            "Cannot check rate limits, letting requests through until PostgreSQL answers: {}",
            e.toString());
      }
      return null;
    }
  }
}
