package dev.punctual.worker.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What kind of destination an IP address is, as far as server-side request forgery is concerned.
 * Every category but {@link #PUBLIC} is refused by default. An IPv6 address that carries an IPv4
 * address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, IPv4-translated
 * {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}) is in
 * the category of that IPv4 address, since that is where a connection to it ends up.
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
    var ipv4 = effectiveIpv4(address);
    if (ipv4 != null) {
      return ofIpv4(ipv4);
    }
    return ofIpv6(address.getAddress());
  }

  /**
   * The IPv4 address a connection to {@code address} reaches: itself for an IPv4 address, the
   * embedded one for the IPv6 forms listed on this type, otherwise {@code null}.
   */
  public static @Nullable Inet4Address effectiveIpv4(InetAddress address) {
    if (address instanceof Inet4Address ipv4) {
      return ipv4;
    }
    var bytes = address.getAddress();
    byte[] embedded = null;
    if (isZero(bytes, 0, 10) && (bytes[10] & bytes[11] & 0xff) == 0xff) {
      embedded = Arrays.copyOfRange(bytes, 12, 16); // ::ffff:a.b.c.d
    } else if (isZero(bytes, 0, 12) && !(isZero(bytes, 12, 15) && (bytes[15] & 0xfe) == 0)) {
      embedded = Arrays.copyOfRange(bytes, 12, 16); // ::a.b.c.d, but not :: or ::1
    } else if (isZero(bytes, 0, 8)
        && (bytes[8] & bytes[9] & 0xff) == 0xff
        && isZero(bytes, 10, 12)) {
      embedded = Arrays.copyOfRange(bytes, 12, 16); // ::ffff:0:a.b.c.d
    } else if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b) && isZero(bytes, 4, 12)) {
      embedded = Arrays.copyOfRange(bytes, 12, 16); // 64:ff9b::a.b.c.d
    } else if (startsWith(bytes, 0x20, 0x02)) {
      embedded = Arrays.copyOfRange(bytes, 2, 6); // 2002:aabb:ccdd::/48
    }
    return embedded == null ? null : ipv4(embedded);
  }

  private static AddressCategory ofIpv4(Inet4Address address) {
    if (METADATA.contains(address)) {
      return CLOUD_METADATA;
    }
    var b = address.getAddress();
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0) {
      return UNSPECIFIED;
    }
    if (first == 127) {
      return LOOPBACK;
    }
    if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
      return PRIVATE;
    }
    if (first == 100 && (second & 0xc0) == 64) {
      return SHARED;
    }
    if (first == 169 && second == 254) {
      return LINK_LOCAL;
    }
    if ((first & 0xf0) == 224) {
      return MULTICAST;
    }
    if ((first & 0xf0) == 240) {
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressCategory ofIpv6(byte[] b) {
    if (METADATA.contains(ipv6(b))) {
      return CLOUD_METADATA;
    }
    if (isZero(b, 0, 16)) {
      return UNSPECIFIED;
    }
    if (isZero(b, 0, 15) && b[15] == 1) {
      return LOOPBACK;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if ((first & 0xfe) == 0xfc) {
      return PRIVATE; // fc00::/7, unique local
    }
    if (first == 0xfe && (second & 0xc0) == 0xc0) {
      return PRIVATE; // fec0::/10, the deprecated site-local range
    }
    if (first == 0xfe && (second & 0xc0) == 0x80) {
      return LINK_LOCAL; // fe80::/10
    }
    if (first == 0xff) {
      return MULTICAST;
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
      return PRIVATE; // 64:ff9b:1::/48, NAT64 for local use (RFC 8215)
    }
    return PUBLIC;
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Inet4Address ipv4(byte[] bytes) {
    try {
      return (Inet4Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "4 bytes are always an IPv4 address; this indicates a bug", e);
    }
  }

  private static Inet6Address ipv6(byte[] bytes) {
    try {
      // Inet6Address.getByAddress keeps IPv4-mapped forms as IPv6, unlike InetAddress.getByAddress.
      return Inet6Address.getByAddress(null, bytes, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "16 bytes are always an IPv6 address; this indicates a bug", e);
    }
  }

  private static List<InetAddress> literals(String... addresses) {
    return Arrays.stream(addresses).map(IpLiterals::parse).toList();
  }
}
