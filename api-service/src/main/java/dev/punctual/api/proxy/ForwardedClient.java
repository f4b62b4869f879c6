package dev.punctual.api.proxy;

import inet.ipaddr.IPAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Replaces the remote address (and the scheme) of a request that came through a trusted proxy with
 * the client's, as its forwarded headers say. From any other sender the headers are ignored, so a
 * client cannot choose the address it is audited and rate-limited as.
 *
 * <p>The client is the right-most hop that is not a trusted proxy: every hop right of it was added
 * by a proxy we trust, and everything left of it was written by the client or by proxies we do not
 * know, so it may be invented. When every hop is a trusted proxy, the left-most one is the client.
 * A right-most untrusted hop that is no address ({@code unknown}, {@code _hidden}) leaves the
 * request with the address of the trusted proxy that reported it.
 */
class ForwardedClient extends OncePerRequestFilter {

  private final TrustedProxies proxies;

  ForwardedClient(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  /** The client a chain of hops names, as seen from a trusted proxy. */
  record Client(String address, @Nullable String proto) {}

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var client =
        proxies.trusts(TrustedProxies.address(request.getRemoteAddr()))
            ? client(ForwardedHeaders.hops(request), proxies)
            : null;
    if (client == null) {
      chain.doFilter(request, response);
      return;
    }
    var proto = client.proto() != null ? client.proto() : ForwardedHeaders.forwardedProto(request);
    if (!"http".equals(proto) && !"https".equals(proto)) {
      proto = null; // ws, wss or nonsense: the scheme stays the connection's
    }
    chain.doFilter(new ForwardedRequest(request, client.address(), proto), response);
  }

  /** The client that {@code hops} names; {@code null} to keep the request's own address. */
  static @Nullable Client client(List<Hop> hops, TrustedProxies proxies) {
    @Nullable IPAddress nearest = null;
    for (int i = hops.size() - 1; i >= 0; i--) {
      var hop = hops.get(i);
      var address = TrustedProxies.address(hop.node());
      if (address == null) {
        return nearest == null ? null : new Client(text(nearest), hop.proto());
      }
      if (!proxies.trusts(address) || i == 0) {
        return new Client(text(address), hop.proto());
      }
      nearest = address;
    }
    return null;
  }

  private static String text(IPAddress address) {
    return address.toCanonicalString();
  }

  /** The request as the client sent it to the first proxy. */
  private static final class ForwardedRequest extends HttpServletRequestWrapper {

    private final String address;
    private final @Nullable String proto;

    ForwardedRequest(HttpServletRequest request, String address, @Nullable String proto) {
      super(request);
      this.address = address;
      this.proto = proto;
    }

    @Override
    public String getRemoteAddr() {
      return address;
    }

    @Override
    public String getRemoteHost() {
      return address;
    }

    @Override
    public String getScheme() {
      return proto == null ? super.getScheme() : proto;
    }

    @Override
    public boolean isSecure() {
      return proto == null ? super.isSecure() : proto.equals("https");
    }

    /** Without a port in {@code Host}, the default port of the client's scheme. */
    @Override
    public int getServerPort() {
      var host = getHeader("Host");
      boolean hasPort = host != null && host.lastIndexOf(':') > host.lastIndexOf(']');
      if (proto == null || hasPort) {
        return super.getServerPort();
      }
      return proto.equals("https") ? 443 : 80;
    }

    @Override
    public StringBuffer getRequestURL() {
      var url = new StringBuffer(getScheme()).append("://").append(getServerName());
      int port = getServerPort();
      if (port != (isSecure() ? 443 : 80)) {
        url.append(':').append(port);
      }
      return url.append(getRequestURI());
    }
  }
}
