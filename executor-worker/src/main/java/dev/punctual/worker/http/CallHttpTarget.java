package dev.punctual.worker.http;

import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.worker.trace.W3cTraceHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Executes HTTP targets: sends the target's request with the fire's {@code Idempotency-Key} and
 * {@code X-Punctual-*} headers and waits at most the target's timeout (capped) for the whole
 * answer. Blocks the calling thread, which is meant to be a virtual thread. Thread-safe. Which
 * failures are final and when a retry is asked for: {@link RetryClassification}. Which addresses it
 * connects to: the {@link DestinationCheck} of the client ({@link TargetHttpClient}).
 */
public final class CallHttpTarget {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String JOB_ID = "X-Punctual-Job-Id";
  public static final String SCHEDULED_AT = "X-Punctual-Scheduled-At";
  public static final String ATTEMPT = "X-Punctual-Attempt";

  /** How much of an error answer's body goes into the error message. */
  private static final int ERROR_EXCERPT_CHARS = 200;

  private final CloseableHttpClient client;
  private final Duration maxTimeout;
  private final int excerptBytes;
  private final Clock clock;

  /**
   * @param client shared client from {@link TargetHttpClient}, which checks every destination
   * @param maxTimeout a target's timeout is capped to this
   * @param excerptBytes how many bytes of the body to keep
   */
  public CallHttpTarget(CloseableHttpClient client, Duration maxTimeout, int excerptBytes) {
    this(client, maxTimeout, excerptBytes, Clock.systemUTC());
  }

  /**
   * @param clock reads the time an answer arrives, from which a {@code Retry-After} in seconds
   *     counts
   */
  public CallHttpTarget(
      CloseableHttpClient client, Duration maxTimeout, int excerptBytes, Clock clock) {
    this.client = client;
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
    if (uri.getHost() == null) {
      return new HttpOutcome(
          ExecutionStatus.FAILED, detail(start), "refused: " + uri + " names no host", false);
    }
    HttpUriRequestBase request;
    try {
      request = request(fire, target, timeout);
    } catch (IllegalArgumentException e) {
      return failed(detail(start), "invalid HTTP request: " + e.getMessage());
    }
    // The whole answer within the timeout: past it, the call is cancelled, which closes its
    // connection and ends a blocked read (the client's own timeouts bound each read, not the sum).
    var deadline = new CompletableFuture<Void>();
    deadline.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
    deadline.thenRun(request::cancel);
    HttpOutcome answer = null;
    try (var response = client.executeOpen(null, request, null)) {
      var excerpt = BodyExcerpt.read(response.getEntity(), excerptBytes);
      if (excerpt.truncated()) {
        // Stop reading: closing the answer would read the rest of the body to reuse the connection.
        request.cancel();
      }
      answer = answered(response, excerpt, start);
      return answer;
    } catch (IOException e) {
      if (answer != null) {
        // Closing an answer already read failed (a truncated one's connection is closed by the
        // cancel above): the target answered, and that answer is the outcome.
        return answer;
      }
      if (deadline.isDone() && !deadline.isCompletedExceptionally()) {
        return timedOut(start, timeout);
      }
      var refused = CallFailures.refusal(e);
      if (refused != null) {
        return new HttpOutcome(
            ExecutionStatus.FAILED, detail(start), refused.reason(), refused.retryable());
      }
      if (Thread.currentThread().isInterrupted()) {
        return failed(detail(start), "the worker stopped before " + uri.getHost() + " answered");
      }
      var failure = CallFailures.describe(e, uri);
      return failure == null ? timedOut(start, timeout) : failed(detail(start), failure);
    } catch (RuntimeException e) {
      // The client refusing work, e.g. while the worker shuts it down.
      return failed(
          detail(start),
          "HTTP call to " + hostAndPort(uri) + " failed: " + CallFailures.messageOf(e));
    } finally {
      deadline.cancel(false);
    }
  }

  private static HttpUriRequestBase request(JobFired fire, HttpTarget target, Duration timeout) {
    var request = new HttpUriRequestBase(target.method(), target.uri());
    if (target.body() != null) {
      // No content type of its own: the target's headers give it, if any.
      request.setEntity(new ByteArrayEntity(target.body().getBytes(StandardCharsets.UTF_8), null));
    }
    var limit = Timeout.of(timeout);
    request.setConfig(
        RequestConfig.custom()
            .setConnectionRequestTimeout(limit)
            .setResponseTimeout(limit)
            // No TLS upgrade of a plain http:// call (RFC 2817): the URL says what the target gets.
            .setProtocolUpgradeEnabled(false)
            .build());
    target.headers().forEach((name, value) -> request.addHeader(header(name, value)));
    request.setHeader(IDEMPOTENCY_KEY, fire.fireId());
    request.setHeader(JOB_ID, fire.jobId());
    request.setHeader(SCHEDULED_AT, fire.scheduledAt().toString());
    request.setHeader(ATTEMPT, Integer.toString(fire.attempt()));
    W3cTraceHeaders.inject(request);
    return request;
  }

  /**
   * A target's header, refused when its value would break the request's framing: definitions are
   * checked when they are read, but a resolved secret is only known here.
   */
  private static BasicHeader header(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("the value of header " + name + " has a line break");
    }
    return new BasicHeader(name, value);
  }

  private HttpOutcome answered(ClassicHttpResponse response, BodyExcerpt excerpt, long start) {
    int status = response.getCode();
    var detail =
        detail(start)
            .put("httpStatus", status)
            .put("body", excerpt.text())
            .put("bodyTruncated", excerpt.truncated());
    if (status >= 200 && status < 300) {
      return new HttpOutcome(ExecutionStatus.SUCCEEDED, detail, null);
    }
    if (status >= 300 && status < 400) {
      var header = response.getFirstHeader("Location");
      var location = header == null ? "none given" : header.getValue();
      return failed(
          detail, "HTTP " + status + ": redirects are not followed (Location: " + location + ")");
    }
    var text = oneLine(excerpt.text());
    var error = text.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + text;
    if (!RetryClassification.isRetryable(status)) {
      return new HttpOutcome(ExecutionStatus.FAILED, detail, error, false);
    }
    var retryAfter = RetryClassification.retryAfter(status, headers(response), clock.instant());
    return new HttpOutcome(ExecutionStatus.FAILED, detail, error, true, retryAfter);
  }

  /** The answer's {@code Retry-After} values as the classification reads them. */
  private static HttpHeaders headers(ClassicHttpResponse response) {
    var values = Arrays.stream(response.getHeaders("Retry-After")).map(Header::getValue).toList();
    return HttpHeaders.of(
        values.isEmpty() ? Map.of() : Map.of("Retry-After", List.copyOf(values)),
        (name, value) -> true);
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
