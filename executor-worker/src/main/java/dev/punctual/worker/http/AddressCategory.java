package dev.punctual.worker.http;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What kind of destination an IP address is, as far as server-side request forgery is concerned.
 * Every category but {@link #PUBLIC} is refused by default. An IPv6 address that carries an IPv4
 * address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, IPv4-translated
 * {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}) is in
 * the category of that IPv4 address, since that is where a connection to it ends up. The IPAddress
 * library recognises these forms and most ranges; the few it has no test for are listed here.
 */
public enum AddressCategory {
  /** Anything not listed below. */
  PUBLIC("a public address"),
  /** {@code 127.0.0.0/8}, {@code ::1}. */
  LOOPBACK("a loopback address"),
  /** {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, {@code fc00::/7}. */
  PRIVATE("a private address"),
  /** {@code 100.64.0.0/10} (RFC 6598): carrier-grade NAT, also used inside clouds and overlays. */
  SHARED("a shared (carrier-grade NAT) address"),
  /** {@code 169.254.0.0/16}, {@code fe80::/10}. */
  LINK_LOCAL("a link-local address"),
  /** The instance metadata and credential services of cloud providers; see {@link #METADATA}. */
  CLOUD_METADATA("a cloud metadata address"),
  /** {@code 0.0.0.0/8} ("this network"; {@code 0.0.0.0} reaches the local host), {@code ::}. */
  UNSPECIFIED("an unspecified address"),
  /** {@code 224.0.0.0/4}, {@code ff00::/8}. */
  MULTICAST("a multicast address"),
  /** {@code 240.0.0.0/4} (reserved, including the broadcast address {@code 255.255.255.255}). */
  RESERVED("a reserved address");

  /**
   * Cloud metadata and credential endpoints: AWS, GCP, Azure, Oracle, OpenStack, DigitalOcean
   * ({@code 169.254.169.254}), AWS ECS task credentials ({@code 169.254.170.2}), AWS IPv6 ({@code
   * fd00:ec2::254}), GCP IPv6 ({@code fd20:ce::254}), Alibaba ({@code 100.100.100.200}), Tencent
   * ({@code 169.254.0.23}), Azure WireServer ({@code 168.63.129.16}), Oracle Cloud Classic ({@code
   * 192.0.0.192}).
   */
  public static final Set<InetAddress> METADATA =
      Set.copyOf(
          literals(
              "169.254.169.254",
              "169.254.170.2",
              "169.254.0.23",
              "100.100.100.200",
              "168.63.129.16",
              "192.0.0.192",
              "fd00:ec2:0:0:0:0:0:254",
              "fd20:ce:0:0:0:0:0:254"));

  // Ranges the library has no test for: its isUnspecified() and isAnyLocal() know 0.0.0.0 alone,
  // and it knows neither the shared nor the reserved IPv4 range nor local-use NAT64.
  private static final IPAddress THIS_NETWORK = range("0.0.0.0/8");
  private static final IPAddress SHARED_RANGE = range("100.64.0.0/10");
  private static final IPAddress RESERVED_RANGE = range("240.0.0.0/4");
  private static final IPAddress LOCAL_NAT64 = range("64:ff9b:1::/48"); // RFC 8215

  private final String description;

  AddressCategory(String description) {
    this.description = description;
  }

  /** For messages: "a private address". */
  public String description() {
    return description;
  }

  /** The category of {@code address}. */
  public static AddressCategory of(InetAddress address) {
    var ip = IpLiterals.of(address);
    var ipv4 = effectiveIpv4(ip);
    return ipv4 != null ? ofIpv4(ipv4) : ofIpv6(ip.toIPv6());
  }

  /**
   * The IPv4 address a connection to {@code address} reaches: itself for an IPv4 address, the
   * embedded one for the IPv6 forms listed on this type, otherwise {@code null}.
   */
  static @Nullable IPv4Address effectiveIpv4(IPAddress address) {
    if (address.isIPv4()) {
      return address.toIPv4();
    }
    var ipv6 = address.toIPv6();
    // The library counts :: and ::1 as IPv4-compatible too; they are IPv6's own.
    boolean compatible = ipv6.isIPv4Compatible() && !ipv6.isZero() && !ipv6.isLoopback();
    if (ipv6.isIPv4Mapped()
        || compatible
        || ipv6.isIPv4Translatable()
        || ipv6.isWellKnownIPv4Translatable()) {
      return ipv6.getEmbeddedIPv4Address();
    }
    return ipv6.is6To4() ? ipv6.get6To4IPv4Address() : null;
  }

  private static AddressCategory ofIpv4(IPv4Address address) {
    if (METADATA.contains(address.toInetAddress())) {
      return CLOUD_METADATA;
    } else if (THIS_NETWORK.contains(address)) {
      return UNSPECIFIED;
    } else if (address.isLoopback()) {
      return LOOPBACK;
    } else if (address.isPrivate()) {
      return PRIVATE;
    } else if (SHARED_RANGE.contains(address)) {
      return SHARED;
    } else if (address.isMulticast()) {
      // Before link-local: the library counts 224.0.0.252 as link-local too.
      return MULTICAST;
    } else if (address.isLinkLocal()) {
      return LINK_LOCAL;
    } else if (RESERVED_RANGE.contains(address)) {
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressCategory ofIpv6(IPv6Address address) {
    if (METADATA.contains(address.toInetAddress())) {
      return CLOUD_METADATA;
    } else if (address.isZero()) {
      return UNSPECIFIED;
    } else if (address.isLoopback()) {
      return LOOPBACK;
    } else if (address.isMulticast()) {
      // Before the unicast scopes: the library counts ffx2:: and ffx5:: as link- and site-local.
      return MULTICAST;
    } else if (address.isUniqueLocal() || address.isSiteLocal() || LOCAL_NAT64.contains(address)) {
      return PRIVATE; // fc00::/7; fec0::/10, the deprecated site-local range; 64:ff9b:1::/48
    } else if (address.isLinkLocal()) {
      return LINK_LOCAL;
    }
    return PUBLIC;
  }

  private static IPAddress range(String cidr) {
    return new IPAddressString(cidr).getAddress().toPrefixBlock();
  }

  private static List<InetAddress> literals(String... addresses) {
    return Arrays.stream(addresses).map(IpLiterals::parse).toList();
  }
}
