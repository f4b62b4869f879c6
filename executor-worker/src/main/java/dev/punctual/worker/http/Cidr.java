package dev.punctual.worker.http;

import inet.ipaddr.IPAddress;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A range of IP addresses in CIDR notation: {@code 10.0.0.0/8}, {@code ::1/128}; a single address
 * without a prefix length stands for itself ({@code /32} or {@code /128}). An IPv4 range also
 * contains the IPv6 forms that carry one of its addresses ({@code ::ffff:10.0.0.5}), like {@link
 * AddressCategory} does.
 *
 * @param network the first address of the range
 * @param prefixLength how many leading bits every address of the range shares with {@code network}
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    var address = IpLiterals.of(network);
    int bits = address.getBitCount();
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "the prefix length of "
              + IpLiterals.format(network)
              + " must be between 0 and "
              + bits
              + ", got "
              + prefixLength);
    }
    var first = address.toPrefixBlock(prefixLength).getLower().withoutPrefixLength();
    if (!first.equals(address)) {
      var text = IpLiterals.format(network) + "/" + prefixLength;
      throw new IllegalArgumentException(
          text
              + " has bits set after its prefix; write "
              + first.toCanonicalString()
              + "/"
              + prefixLength
              + " for the range, or "
              + IpLiterals.format(network)
              + "/"
              + bits
              + " for the single address");
    }
  }

  /**
   * Parses {@code 10.0.0.0/8}, {@code fc00::/7}, {@code 127.0.0.1}.
   *
   * @throws IllegalArgumentException with a message naming the problem
   */
  public static Cidr parse(String text) {
    var trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    var address = IpLiterals.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
    int bits = address.getAddress().length * 8;
    if (address instanceof Inet4Address && slash >= 0 && trimmed.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is an IPv4-mapped range; write it in IPv4 form, e.g. 10.0.0.0/8");
    }
    if (slash < 0) {
      return new Cidr(address, bits);
    }
    try {
      return new Cidr(address, Integer.parseInt(trimmed.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no valid prefix length after the '/'");
    }
  }

  /** Whether {@code address}, or the IPv4 address it carries, lies in this range. */
  public boolean contains(InetAddress address) {
    var range = range();
    var candidate = IpLiterals.of(address);
    if (range.contains(candidate)) {
      return true;
    }
    var ipv4 = AddressCategory.effectiveIpv4(candidate);
    return ipv4 != null && range.contains(ipv4);
  }

  /** Whether this range lies entirely inside {@code other}. */
  public boolean within(Cidr other) {
    return other.range().contains(range());
  }

  /** The addresses of this range, for the library (which compares only those of one IP version). */
  private IPAddress range() {
    return IpLiterals.of(network).toPrefixBlock(prefixLength);
  }

  @Override
  public String toString() {
    return IpLiterals.format(network) + "/" + prefixLength;
  }
}
