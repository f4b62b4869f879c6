package dev.punctual.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressCategoryTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // loopback
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "::1, LOOPBACK",
    "::ffff:127.0.0.1, LOOPBACK",
    "::127.0.0.1, LOOPBACK",
    "::ffff:0:127.0.0.1, LOOPBACK",
    "64:ff9b::127.0.0.1, LOOPBACK",
    "2002:7f00:1::1, LOOPBACK",
    // private (RFC 1918, unique local, site local)
    "10.0.0.5, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "fc00::1, PRIVATE",
    "fd12:3456:789a::1, PRIVATE",
    "fec0::1, PRIVATE",
    "::ffff:10.0.0.5, PRIVATE",
    "::ffff:192.168.0.1, PRIVATE",
    "64:ff9b:1::a00:5, PRIVATE",
    // shared address space (carrier-grade NAT)
    "100.64.0.1, SHARED",
    "100.127.255.255, SHARED",
    "::ffff:100.64.0.1, SHARED",
    // link-local
    "169.254.1.1, LINK_LOCAL",
    "169.254.169.253, LINK_LOCAL",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    "::ffff:169.254.1.1, LINK_LOCAL",
    // cloud metadata
    "169.254.169.254, CLOUD_METADATA",
    "169.254.170.2, CLOUD_METADATA",
    "169.254.0.23, CLOUD_METADATA",
    "100.100.100.200, CLOUD_METADATA",
    "168.63.129.16, CLOUD_METADATA",
    "192.0.0.192, CLOUD_METADATA",
    "fd00:ec2::254, CLOUD_METADATA",
    "fd20:ce::254, CLOUD_METADATA",
    "::ffff:169.254.169.254, CLOUD_METADATA",
    "::169.254.169.254, CLOUD_METADATA",
    "64:ff9b::169.254.169.254, CLOUD_METADATA",
    "2002:a9fe:a9fe::, CLOUD_METADATA",
    // unspecified
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "::, UNSPECIFIED",
    "::ffff:0.0.0.0, UNSPECIFIED",
    // multicast and reserved
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "ff02::1, MULTICAST",
    "::ffff:224.0.0.1, MULTICAST",
    "240.0.0.1, RESERVED",
    "255.255.255.255, RESERVED",
    // public, including the edges of the ranges above
    "8.8.8.8, PUBLIC",
    "1.1.1.1, PUBLIC",
    "172.15.255.255, PUBLIC",
    "172.32.0.0, PUBLIC",
    "192.169.0.1, PUBLIC",
    "100.63.255.255, PUBLIC",
    "100.128.0.0, PUBLIC",
    "169.253.255.255, PUBLIC",
    "169.255.0.0, PUBLIC",
    "126.255.255.255, PUBLIC",
    "128.0.0.0, PUBLIC",
    "223.255.255.255, PUBLIC",
    "2001:4860:4860::8888, PUBLIC",
    "::ffff:8.8.8.8, PUBLIC",
    "64:ff9b::8.8.8.8, PUBLIC",
    "2002:808:808::1, PUBLIC",
    "fbff::1, PUBLIC",
    "fe00::1, PUBLIC",
  })
  void classifiesAddresses(String text, AddressCategory expected) {
    assertThat(AddressCategory.of(ipv6FormKept(text))).isEqualTo(expected);
  }

  @Test
  void theJvmsOwnParsingOfAMappedAddressGivesTheSameCategory() throws UnknownHostException {
    // InetAddress turns ::ffff:a.b.c.d into an Inet4Address; the category must not depend on it.
    var parsed = InetAddress.getByName("::ffff:169.254.169.254");

    assertThat(parsed).isInstanceOf(Inet4Address.class);
    assertThat(AddressCategory.of(parsed)).isEqualTo(AddressCategory.CLOUD_METADATA);
  }

  /** Parses an IP literal, keeping an IPv4-mapped IPv6 address in its IPv6 form. */
  static InetAddress ipv6FormKept(String text) {
    var parsed = IpLiterals.parse(text);
    if (parsed instanceof Inet4Address && text.contains(":")) {
      var bytes = new byte[16];
      bytes[10] = (byte) 0xff;
      bytes[11] = (byte) 0xff;
      System.arraycopy(parsed.getAddress(), 0, bytes, 12, 4);
      try {
        return Inet6Address.getByAddress(null, bytes, -1);
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    return parsed;
  }
}
