package dev.punctual.worker.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The pooled HTTP client HTTP targets are called with: Apache HttpClient 5 (classic, blocking: each
 * call runs on a virtual thread of its own) with {@link DestinationCheck#resolve} as its resolver.
 *
 * <p>Why not the JDK's {@code java.net.http.HttpClient}: it resolves a host name itself when it
 * connects and takes no resolver, so a check before the request and the connection were two
 * lookups, and a DNS server could answer the second with an address the first would have refused
 * (DNS rebinding). Apache HttpClient asks its {@link DnsResolver} for the addresses of every new
 * connection and connects to one of exactly those, while the request's {@code Host} header, TLS
 * server name indication and certificate verification keep using the URL's host name.
 *
 * <p>It never follows redirects (a 3xx answer is a failure), keeps no cookies, does not ask for
 * compressed answers, and resends a request once, at once, when the pooled connection it reused was
 * closed before any byte of an answer arrived: endpoints and load balancers close idle keep-alive
 * connections whenever they like, and every {@code POST} that picked such a connection would
 * otherwise fail although the endpoint never saw it (the JDK's client does the same with {@code
 * jdk.httpclient.enableAllMethodRetry}). A connection opened for the request that closes unanswered
 * is a failure, not resent.
 */
public final class TargetHttpClient {

  /** Connections kept per host and in all: far more than a worker runs calls at once. */
  private static final int MAX_CONNECTIONS = 10_000;

  /** The context attribute that says a request's connection was opened for it. */
  private static final String OPENED_CONNECTION = "punctual.opened-connection";

  private TargetHttpClient() {}

  /**
   * A client that connects only to the addresses {@code destinations} answers.
   *
   * @param connectTimeout how long opening a connection may take (a call's own timeout ends it
   *     sooner when shorter)
   */
  public static CloseableHttpClient create(DestinationCheck destinations, Duration connectTimeout) {
    // TLS as the JDK's client does it: the default SSLContext (javax.net.ssl.* trust stores), the
    // server name and the certificate checked against the URL's host name, never the address.
    return create(destinations, connectTimeout, DefaultClientTlsStrategy.createSystemDefault());
  }

  /** {@link #create(DestinationCheck, Duration)} with TLS of its own (a test's trust store). */
  static CloseableHttpClient create(
      DestinationCheck destinations, Duration connectTimeout, TlsSocketStrategy tls) {
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new CheckedResolver(destinations))
            .setTlsSocketStrategy(tls)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(connectTimeout))
                    // A blocking connection cannot notice that the server closed it while it sat
                    // in the pool (as servers do beyond their idle limits); a cheap check (a read
                    // of at most 1 ms) before each reuse finds those and opens a new one instead.
                    .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS)
                    .build())
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .build();
    return HttpClients.custom()
        .setConnectionManager(new MarkOpenedConnections(connections))
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .setRetryStrategy(new ResendOnceWhenClosedUnanswered())
        .build();
  }

  /** The client's resolver: the destination check, so what is checked is what is connected to. */
  private record CheckedResolver(DestinationCheck destinations) implements DnsResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return destinations.resolve(host);
    }

    /** Used only for Kerberos (SPNEGO) service names, which targets do not use. */
    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }

  /**
   * The pool, noting in a request's context when a connection was opened for it: the only way the
   * retry strategy can tell a reused connection from a new one.
   */
  private record MarkOpenedConnections(HttpClientConnectionManager pool)
      implements HttpClientConnectionManager {

    @Override
    public LeaseRequest lease(String id, HttpRoute route, Timeout timeout, Object state) {
      return pool.lease(id, route, timeout, state);
    }

    @Override
    public void release(ConnectionEndpoint endpoint, Object state, TimeValue keepAlive) {
      pool.release(endpoint, state, keepAlive);
    }

    @Override
    public void connect(ConnectionEndpoint endpoint, TimeValue timeout, HttpContext context)
        throws IOException {
      context.setAttribute(OPENED_CONNECTION, Boolean.TRUE);
      pool.connect(endpoint, timeout, context);
    }

    @Override
    public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
      pool.upgrade(endpoint, context);
    }

    @Override
    public void close(CloseMode mode) {
      pool.close(mode);
    }

    @Override
    public void close() throws IOException {
      pool.close();
    }
  }

  /**
   * Resends a request of any method once when the pooled connection it reused was closed
   * unanswered.
   */
  private static final class ResendOnceWhenClosedUnanswered implements HttpRequestRetryStrategy {

    @Override
    public boolean retryRequest(
        HttpRequest request, IOException exception, int execCount, HttpContext context) {
      return execCount == 1
          && exception instanceof NoHttpResponseException
          && context.getAttribute(OPENED_CONNECTION) == null;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
      return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
      return TimeValue.ZERO_MILLISECONDS;
    }
  }
}
