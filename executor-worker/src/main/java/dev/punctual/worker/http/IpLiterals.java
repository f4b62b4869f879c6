package dev.punctual.worker.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address literals: parsed without a DNS lookup, written the short way ({@code fd00::1}). */
final class IpLiterals {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpLiterals() {}

  /**
   * The address {@code text} spells: a dotted-quad IPv4 address or an IPv6 address (brackets
   * allowed). Never resolves a name.
   *
   * @throws IllegalArgumentException if {@code text} is not an IP address literal
   */
  static InetAddress parse(String text) {
    var literal = text.strip();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    var ipv4 = IPV4.matcher(literal);
    if (ipv4.matches()) {
      var bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(ipv4.group(i + 1));
        if (part > 255) {
          throw notAnAddress(text);
        }
        bytes[i] = (byte) part;
      }
      return byAddress(bytes);
    }
    if (IPV6.matcher(literal).matches()) {
      try {
        // A text with a colon is parsed as an IPv6 literal and never looked up.
        return InetAddress.getByName(literal);
      } catch (UnknownHostException e) {
        throw notAnAddress(text);
      }
    }
    throw notAnAddress(text);
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
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    var bytes = address.getAddress();
    var groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // The longest run of at least two zero groups becomes "::" (the first such run on a tie).
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    var text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
  }

  private static IllegalArgumentException notAnAddress(String text) {
    return new IllegalArgumentException("'" + text + "' is not an IP address");
  }
}
