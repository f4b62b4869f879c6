package dev.punctual.worker.http;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals, read and written with the IPAddress library: parsed without a DNS lookup,
 * written the short way of RFC 5952 ({@code fd00::1}).
 */
final class IpLiterals {

  /**
   * A plain address: four decimal numbers (not the {@code inet_aton} spellings {@code 127.1},
   * {@code 0x7f.1} or {@code 2130706433}), or an IPv6 address that may end in four decimal numbers;
   * no prefix length, mask, zone, range or wildcard.
   */
  private static final IPAddressStringParameters LITERAL = literalParameters();

  private IpLiterals() {}

  /**
   * The address {@code text} spells: a dotted-quad IPv4 address or an IPv6 address (brackets
   * allowed). Never resolves a name. Like {@link InetAddress#getByName}, gives an IPv4-mapped IPv6
   * address ({@code ::ffff:a.b.c.d}) as the IPv4 address.
   *
   * @throws IllegalArgumentException if {@code text} is not an IP address literal
   */
  static InetAddress parse(String text) {
    var literal = text.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    try {
      return InetAddress.getByAddress(new IPAddressString(literal, LITERAL).toAddress().getBytes());
    } catch (AddressStringException | UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
    }
  }

  /** Whether {@code text} is an IP address literal (rather than a host name). */
  static boolean isLiteral(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code 10.0.0.5}; IPv6 in the short form of RFC 5952: {@code fd00:ec2::254}. */
  static String format(InetAddress address) {
    return of(address).toCanonicalString();
  }

  /** {@code address} for the library, without the scope an IPv6 address may carry. */
  static IPAddress of(InetAddress address) {
    var bytes = address.getAddress();
    return bytes.length == IPv4Address.BYTE_COUNT ? new IPv4Address(bytes) : new IPv6Address(bytes);
  }

  private static IPAddressStringParameters literalParameters() {
    var plain =
        new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowPrefix(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allow_inet_aton(false);
    plain
        .getIPv4AddressParametersBuilder()
        .allowBinary(false)
        .allowUnlimitedLeadingZeros(false)
        .allowWildcardedSeparator(false)
        .setRangeOptions(RangeParameters.NO_RANGE);
    // As in the JDK, the numbers of an IPv4 address at the end of an IPv6 one may have any number
    // of leading zeros (::0001.2.3.4).
    plain
        .getIPv6AddressParametersBuilder()
        .allowZone(false)
        .allowEmptyZone(false)
        .allowBase85(false)
        .allowBinary(false)
        .allow_mixed_inet_aton(false)
        .allowWildcardedSeparator(false)
        .setRangeOptions(RangeParameters.NO_RANGE)
        .getEmbeddedIPv4AddressParametersBuilder()
        .allowUnlimitedLeadingZeros(true);
    return plain.toParams();
  }
}
