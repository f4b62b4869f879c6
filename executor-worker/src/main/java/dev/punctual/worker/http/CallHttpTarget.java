package dev.punctual.worker.http;

import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.worker.trace.W3cTraceHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes HTTP targets: sends the target's request with the fire's {@code Idempotency-Key} and
 * {@code X-Punctual-*} headers and waits at most the target's timeout (capped) for the whole
 * answer. Blocks the calling thread, which is meant to be a virtual thread. Thread-safe. Which
 * failures are final and when a retry is asked for: {@link RetryClassification}.
 */
public final class CallHttpTarget {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String JOB_ID = "X-Punctual-Job-Id";
  public static final String SCHEDULED_AT = "X-Punctual-Scheduled-At";
  public static final String ATTEMPT = "X-Punctual-Attempt";

  /** How much of an error answer's body goes into the error message. */
  private static final int ERROR_EXCERPT_CHARS = 200;

  private final HttpClient client;
  private final DestinationCheck destinations;
  private final Duration maxTimeout;
  private final int excerptBytes;
  private final Clock clock;

  /**
   * @param client shared client; it must not follow redirects
   * @param destinations checked before every request
   * @param maxTimeout a target's timeout is capped to this
   * @param excerptBytes how many bytes of the body to keep
   */
  public CallHttpTarget(
      HttpClient client, DestinationCheck destinations, Duration maxTimeout, int excerptBytes) {
    this(client, destinations, maxTimeout, excerptBytes, Clock.systemUTC());
  }

  /**
   * @param clock reads the time an answer arrives, from which a {@code Retry-After} in seconds
   *     counts
   */
  public CallHttpTarget(
      HttpClient client,
      DestinationCheck destinations,
      Duration maxTimeout,
      int excerptBytes,
      Clock clock) {
    this.client = client;
    this.destinations = destinations;
    this.maxTimeout = maxTimeout;
    this.excerptBytes = excerptBytes;
    this.clock = clock;
  }

  /**
   * Calls {@code target} for {@code fire} and reports how it went; never throws. A destination the
   * rules refuse is a failure that is not retried.
   */
  public HttpOutcome call(JobFired fire, HttpTarget target) {
    var uri = target.uri();
    var timeout = target.timeout().compareTo(maxTimeout) > 0 ? maxTimeout : target.timeout();
    long start = System.nanoTime();
    var refusal = destinations.check(uri);
    if (refusal.isPresent()) {
      return new HttpOutcome(
          ExecutionStatus.FAILED, detail(start), refusal.get().reason(), refusal.get().retryable());
    }
    CompletableFuture<HttpResponse<BodyExcerpt>> response;
    try {
      response =
          client.sendAsync(
              request(fire, target, timeout), info -> BodyExcerpt.subscriber(excerptBytes));
    } catch (IllegalArgumentException e) {
      return failed(detail(start), "invalid HTTP request: " + e.getMessage());
    }
    try {
      return answered(response.get(timeout.toNanos(), TimeUnit.NANOSECONDS), start);
    } catch (TimeoutException e) {
      response.cancel(true);
      return timedOut(start, timeout);
    } catch (ExecutionException e) {
      var failure = CallFailures.describe(e.getCause(), uri);
      return failure == null ? timedOut(start, timeout) : failed(detail(start), failure);
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return failed(detail(start), "the worker stopped before " + uri.getHost() + " answered");
    }
  }

  private static HttpRequest request(JobFired fire, HttpTarget target, Duration timeout) {
    var body =
        target.body() == null
            ? BodyPublishers.noBody()
            : BodyPublishers.ofString(target.body(), StandardCharsets.UTF_8);
    var builder =
        HttpRequest.newBuilder(target.uri()).timeout(timeout).method(target.method(), body);
    target.headers().forEach(builder::header);
    builder
        .header(IDEMPOTENCY_KEY, fire.fireId())
        .header(JOB_ID, fire.jobId())
        .header(SCHEDULED_AT, fire.scheduledAt().toString())
        .header(ATTEMPT, Integer.toString(fire.attempt()));
    W3cTraceHeaders.inject(builder);
    return builder.build();
  }

  private HttpOutcome answered(HttpResponse<BodyExcerpt> response, long start) {
    var excerpt = response.body();
    var detail =
        detail(start)
            .put("httpStatus", response.statusCode())
            .put("body", excerpt.text())
            .put("bodyTruncated", excerpt.truncated());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new HttpOutcome(ExecutionStatus.SUCCEEDED, detail, null);
    }
    if (status >= 300 && status < 400) {
      var location = response.headers().firstValue("Location").orElse("none given");
      return failed(
          detail, "HTTP " + status + ": redirects are not followed (Location: " + location + ")");
    }
    var text = oneLine(excerpt.text());
    var error = text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + text;
    if (!RetryClassification.isRetryable(status)) {
      return new HttpOutcome(ExecutionStatus.FAILED, detail, error, false);
    }
    var retryAfter = RetryClassification.retryAfter(status, response.headers(), clock.instant());
    return new HttpOutcome(ExecutionStatus.FAILED, detail, error, true, retryAfter);
  }

  private static HttpOutcome timedOut(long start, Duration timeout) {
    return new HttpOutcome(
        ExecutionStatus.TIMED_OUT,
        detail(start),
        "no response within " + Durations.readable(timeout));
  }

  private static HttpOutcome failed(ObjectNode detail, String error) {
    return new HttpOutcome(ExecutionStatus.FAILED, detail, error);
  }

  private static ObjectNode detail(long start) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("durationMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static String oneLine(@Nullable String text) {
    if (text == null) {
      return "";
    }
    var collapsed = text.strip().replaceAll("\\s+", " ");
    return collapsed.length() <= ERROR_EXCERPT_CHARS
        ? collapsed
        : collapsed.substring(0, ERROR_EXCERPT_CHARS) + "…";
  }

  static String hostAndPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    return uri.getHost() + ":" + port;
  }
}
