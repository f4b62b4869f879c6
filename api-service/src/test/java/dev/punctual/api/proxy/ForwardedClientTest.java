package dev.punctual.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hop of a forwarded chain is the client, and how RFC 7239's grammar is read. */
class ForwardedClientTest {

  private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "::1"));

  @Test
  void theClientIsTheRightMostHopThatIsNotATrustedProxy() {
    assertThat(client("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(client("1.2.3.4, 203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(client("1.2.3.4, 203.0.113.7, 10.0.0.5, 10.200.0.1")).isEqualTo("203.0.113.7");
    assertThat(client("203.0.113.7:4711")).isEqualTo("203.0.113.7");
    assertThat(client("[2001:db8::17]:4711")).isEqualTo("2001:db8::17");
    assertThat(client("2001:DB8:0:0:0:0:0:17")).isEqualTo("2001:db8::17");
  }

  @Test
  void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
    assertThat(client("10.0.0.9, 10.0.0.5")).isEqualTo("10.0.0.9");
  }

  @Test
  void anUnknownOrObfuscatedClientLeavesTheAddressOfTheProxyThatReportedIt() {
    assertThat(client("unknown, 10.0.0.5")).isEqualTo("10.0.0.5");
    assertThat(client("_hidden")).isNull();
    // a wildcard names no client
    assertThat(client("10.*.*.*")).isNull();
  }

  @Test
  void forwardedElementsAreReadWithQuotesEscapesAndAnyCase() {
    var hops =
        ForwardedHeaders.forwarded(
            "for=192.0.2.43, For=\"[2001:db8:cafe::17]:4711\";PROTO=HTTPS;by=10.0.0.1,"
                + " for=\"_a\\\"b,c\";proto=http, by=10.0.0.2");
    assertThat(hops)
        .containsExactly(
            new Hop("192.0.2.43", null),
            new Hop("[2001:db8:cafe::17]:4711", "https"),
            new Hop("_a\"b,c", "http"),
            new Hop("unknown", null));
    var client =
        ForwardedClient.client(
            ForwardedHeaders.forwarded(
                "for=1.2.3.4;proto=http, for=198.51.100.4;proto=https, for=10.9.8.7"),
            PROXIES);
    assertThat(client).isEqualTo(new ForwardedClient.Client("198.51.100.4", "https"));
  }

  @Test
  void trustedProxiesMatchIpv4MappedAddressesAndRefuseWhatIsNoAddress() {
    assertThat(PROXIES.trusts(TrustedProxies.address("::ffff:10.1.2.3"))).isTrue();
    assertThat(PROXIES.trusts(TrustedProxies.address("0:0:0:0:0:0:0:1"))).isTrue();
    assertThat(PROXIES.trusts(TrustedProxies.address("11.0.0.1"))).isFalse();
    assertThat(PROXIES.trusts(null)).isFalse();
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/8", "proxy.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("punctual.api.trusted-proxies")
        .hasMessageContaining("'proxy.example'");
    assertThatThrownBy(() -> new ProxyProperties(List.of("10.0.0.0/33")))
        .hasMessageContaining("'10.0.0.0/33'");
  }

  private static String client(String xForwardedFor) {
    var hops =
        List.of(xForwardedFor.split(",")).stream().map(n -> new Hop(n.strip(), null)).toList();
    var client = ForwardedClient.client(hops, PROXIES);
    return client == null ? null : client.address();
  }
}
