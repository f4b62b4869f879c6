package dev.punctual.worker.http;

import static dev.punctual.worker.http.AddressCategoryTest.ipv6FormKept;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "10.0.0.0/8, 10.0.0.5, true",
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "10.0.0.0/8, 9.255.255.255, false",
    "172.16.0.0/12, 172.31.0.1, true",
    "172.16.0.0/12, 172.32.0.1, false",
    "127.0.0.0/8, 127.0.0.1, true",
    "127.0.0.0/8, ::1, false",
    "127.0.0.0/8, ::ffff:127.0.0.1, true",
    "::1/128, ::1, true",
    "::1/128, ::2, false",
    "::1/128, 127.0.0.1, false",
    "fc00::/7, fd00:ec2::254, true",
    "fc00::/7, fe00::1, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, 2001:db8::1, false",
    "::/0, 2001:db8::1, true",
    "10.0.0.5, 10.0.0.5, true",
    "10.0.0.5, 10.0.0.6, false",
    "192.168.1.128/25, 192.168.1.200, true",
    "192.168.1.128/25, 192.168.1.127, false",
  })
  void containsTheAddressesOfItsRange(String cidr, String address, boolean contained) {
    assertThat(Cidr.parse(cidr).contains(ipv6FormKept(address))).isEqualTo(contained);
  }

  @Test
  void aBareAddressIsARangeOfOne() {
    assertThat(Cidr.parse("10.0.0.5")).hasToString("10.0.0.5/32");
    assertThat(Cidr.parse("[::1]")).hasToString("::1/128");
    assertThat(Cidr.parse(" fd00:ec2::254 ")).hasToString("fd00:ec2::254/128");
  }

  @Test
  void knowsWhetherItLiesInsideAnotherRange() {
    var linkLocal = Cidr.parse("169.254.0.0/16");

    assertThat(Cidr.parse("169.254.10.0/24").within(linkLocal)).isTrue();
    assertThat(Cidr.parse("169.254.0.0/16").within(linkLocal)).isTrue();
    assertThat(Cidr.parse("169.0.0.0/8").within(linkLocal)).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").within(linkLocal)).isFalse();
    assertThat(Cidr.parse("fe80::/64").within(linkLocal)).isFalse();
  }

  @Test
  void refusesWhatIsNotARangeSayingWhy() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.5/8"))
        .hasMessage(
            "10.0.0.5/8 has bits set after its prefix; write 10.0.0.0/8 for the range, or"
                + " 10.0.0.5/32 for the single address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .hasMessage("the prefix length of 10.0.0.0 must be between 0 and 32, got 33");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x"))
        .hasMessage("'10.0.0.0/x' has no valid prefix length after the '/'");
    assertThatThrownBy(() -> Cidr.parse("example.com/24"))
        .hasMessage("'example.com' is not an IP address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0/24")).hasMessage("'10.0.0' is not an IP address");
    assertThatThrownBy(() -> Cidr.parse("256.0.0.0/8"))
        .hasMessage("'256.0.0.0' is not an IP address");
    assertThatThrownBy(() -> Cidr.parse("::ffff:10.0.0.0/104"))
        .hasMessageContaining("write it in IPv4 form");
  }

  @Test
  void writesIpv6TheShortWay() {
    assertThat(IpLiterals.format(IpLiterals.parse("fd00:ec2:0:0:0:0:0:254")))
        .isEqualTo("fd00:ec2::254");
    assertThat(IpLiterals.format(IpLiterals.parse("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
    assertThat(IpLiterals.format(IpLiterals.parse("::"))).isEqualTo("::");
    assertThat(IpLiterals.format(IpLiterals.parse("fe80::"))).isEqualTo("fe80::");
    assertThat(IpLiterals.format(IpLiterals.parse("2001:db8:0:1:0:0:0:1")))
        .isEqualTo("2001:db8:0:1::1");
    assertThat(IpLiterals.format(IpLiterals.parse("2001:0:0:1:0:0:0:1")))
        .isEqualTo("2001:0:0:1::1");
    assertThat(IpLiterals.format(ipv6FormKept("::ffff:127.0.0.1"))).isEqualTo("::ffff:7f00:1");
  }
}
