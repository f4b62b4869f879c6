package dev.punctual.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Configures a {@link PunctualClient}. */
public final class PunctualClientBuilder {

  private final URI baseUri;
  private @Nullable String apiKey;
  private Duration requestTimeout = PunctualClient.DEFAULT_REQUEST_TIMEOUT;
  private Duration connectTimeout = PunctualClient.DEFAULT_CONNECT_TIMEOUT;
  private @Nullable HttpClient httpClient;
  private Clock clock = Clock.systemUTC();

  PunctualClientBuilder(URI baseUri) {
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
  }

  /**
   * The API key (or a JWT) sent as {@code Authorization: Bearer}; none when the API runs without
   * security.
   */
  public PunctualClientBuilder apiKey(@Nullable String key) {
    this.apiKey = key;
    return this;
  }

  /** How long one request may take, from sending to the whole answer. */
  public PunctualClientBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "requestTimeout");
    return this;
  }

  /** How long connecting may take; ignored when an {@link #httpClient} is given. */
  public PunctualClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** The HTTP client to send with (proxy, TLS, executor); one of the JDK's by default. */
  public PunctualClientBuilder httpClient(HttpClient client) {
    this.httpClient = Objects.requireNonNull(client, "client");
    return this;
  }

  /** The clock a {@code Retry-After} date is counted from. */
  public PunctualClientBuilder clock(Clock newClock) {
    this.clock = Objects.requireNonNull(newClock, "clock");
    return this;
  }

  public PunctualClient build() {
    var http =
        httpClient != null
            ? httpClient
            : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    return new PunctualClient(new ApiTransport(http, baseUri, apiKey, requestTimeout, clock));
  }

  private static Duration positive(Duration timeout, String name) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + timeout);
    }
    return timeout;
  }
}
