package dev.punctual.api.proxy;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.HostName;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proxies whose forwarded headers are believed: addresses and CIDR ranges such as {@code
 * 10.0.0.0/8}, {@code 127.0.0.1} or {@code fd00::/8}. Parsing and matching are the ipaddress
 * library's, so IPv6 forms, IPv4-mapped IPv6 addresses and prefix blocks need no code of ours.
 */
final class TrustedProxies {

  private final List<IPAddress> ranges;

  private TrustedProxies(List<IPAddress> ranges) {
    this.ranges = ranges;
  }

  /**
   * Parses the configured entries.
   *
   * @throws IllegalArgumentException naming the entry that is neither an address nor a CIDR range
   */
  static TrustedProxies of(List<String> entries) {
    return new TrustedProxies(entries.stream().map(TrustedProxies::range).toList());
  }

  private static IPAddress range(String entry) {
    try {
      var address = new IPAddressString(entry.strip()).toAddress();
      return address.isPrefixed() ? address.toPrefixBlock() : address;
    } catch (AddressStringException e) {
      throw new IllegalArgumentException(
          "punctual.api.trusted-proxies: '"
              + entry
              + "' is neither an IP address nor a CIDR range such as 10.0.0.0/8 ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether {@code address}, as {@link #address} read it, is one of ours. */
  boolean trusts(@Nullable IPAddress address) {
    if (address == null) {
      return false;
    }
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  /**
   * The address in a hop of a forwarded header or a servlet remote address: {@code 192.0.2.7},
   * {@code 192.0.2.7:4711}, {@code [2001:db8::17]:4711} or {@code 2001:db8::17}; {@code null} for
   * {@code unknown}, an obfuscated identifier such as {@code _hidden}, or anything else. An
   * IPv4-mapped IPv6 address is read as the IPv4 address it carries, and a zone is dropped.
   */
  static @Nullable IPAddress address(String hop) {
    var text = hop.strip();
    var address = new IPAddressString(text).getAddress();
    if (address == null) {
      var host = new HostName(text);
      address = host.isValid() && host.isAddress() ? host.asAddress() : null;
    }
    // A wildcard or range ("10.*", "10.0.0.0/8") names no one client.
    if (address == null || address.isMultiple() || address.isPrefixed()) {
      return null;
    }
    if (address.isIPv6()) {
      var v6 = address.toIPv6().removeZone();
      return v6.isIPv4Mapped() ? v6.getEmbeddedIPv4Address() : v6;
    }
    return address;
  }
}
