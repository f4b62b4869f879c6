package dev.punctual.worker.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Protection against server-side request forgery: a job must not make the worker call services that
 * only the worker's network can reach. The host of every URL is resolved and <em>every</em> address
 * it resolves to is classified ({@link AddressCategory}); the call is refused when one of them is
 * not allowed:
 *
 * <ul>
 *   <li>public addresses are allowed;
 *   <li>cloud metadata addresses are always refused, whatever the settings say: no job has a reason
 *       to read the worker's cloud credentials, and a broad range like {@code 0.0.0.0/0} must not
 *       open them by accident;
 *   <li>link-local addresses ({@code 169.254.0.0/16}, {@code fe80::/10}) are allowed only by an
 *       allowed CIDR that lies inside a link-local range (such as {@code 169.254.10.0/24}); an
 *       allowed host or a broader range does not open them;
 *   <li>every other address (loopback, private, shared, unspecified, multicast, reserved) is
 *       allowed when the URL's host is one of the allowed hosts (exact name, case-insensitive) or
 *       an allowed CIDR contains the address.
 * </ul>
 *
 * <p>The name is resolved once, when the HTTP client opens a connection ({@link TargetHttpClient}
 * uses {@link #resolve} as its resolver), and the client connects to exactly the addresses that
 * were checked: a DNS server that changes its answer between a check and the connection (DNS
 * rebinding) gains nothing. Network egress rules remain the defence in depth.
 */
public final class DestinationRules implements DestinationCheck {

  /** The property that allows host names. */
  public static final String ALLOWED_HOSTS = "punctual.worker.allowed-hosts";

  /** The property that allows address ranges. */
  public static final String ALLOWED_CIDRS = "punctual.worker.allowed-cidrs";

  /**
   * The value of {@link #ALLOWED_CIDRS} that allows loopback (IPv4 and IPv6) and nothing else, for
   * a system that runs on one machine, like {@code standalone}. Link-local and metadata addresses
   * stay refused.
   */
  public static final String LOOPBACK_CIDRS = "127.0.0.0/8,::1/128";

  private static final List<Cidr> LINK_LOCAL =
      List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));

  /** Resolves a host name to all its addresses; {@link InetAddress#getAllByName} in production. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Set<String> allowedHosts;
  private final List<Cidr> allowedCidrs;
  private final List<Cidr> allowedLinkLocal;
  private final Resolver resolver;

  /**
   * @param allowedHosts host names whose addresses may be loopback, private, … (not link-local or
   *     metadata)
   * @param allowedCidrs ranges whose addresses may be called (never metadata addresses)
   * @param resolver resolves host names
   */
  public DestinationRules(
      Collection<String> allowedHosts, Collection<Cidr> allowedCidrs, Resolver resolver) {
    this.allowedHosts =
        allowedHosts.stream().map(DestinationRules::normalize).collect(Collectors.toSet());
    this.allowedCidrs = List.copyOf(allowedCidrs);
    this.allowedLinkLocal =
        allowedCidrs.stream().filter(cidr -> LINK_LOCAL.stream().anyMatch(cidr::within)).toList();
    this.resolver = resolver;
  }

  /** The rules with the system's resolver. */
  public static DestinationRules of(Collection<String> allowedHosts, Collection<Cidr> cidrs) {
    return new DestinationRules(allowedHosts, cidrs, InetAddress::getAllByName);
  }

  /**
   * Resolves {@code host} once and answers its addresses when every one of them is allowed; the
   * HTTP client then connects to exactly these addresses, so a DNS server that answers differently
   * the next time (DNS rebinding) cannot slip a refused address past the check.
   */
  @Override
  public InetAddress[] resolve(String name) throws RefusedDestinationException {
    var host = normalize(name);
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      // DNS may know the name later (not registered yet, a resolver outage): worth retrying.
      throw new RefusedDestinationException(
          Refusal.retryable("unknown host: " + host + " cannot be resolved"));
    }
    boolean literal = IpLiterals.isLiteral(host);
    for (var address : addresses) {
      var refusal = refusal(host, literal, address);
      if (refusal.isPresent()) {
        throw new RefusedDestinationException(Refusal.of(refusal.get()));
      }
    }
    return addresses;
  }

  private Optional<String> refusal(String host, boolean literal, InetAddress address) {
    var category = AddressCategory.of(address);
    var what =
        "refused: "
            + (literal ? "" : host + " resolves to ")
            + IpLiterals.format(address)
            + (literal ? " is " : ", ")
            + category.description();
    return switch (category) {
      case PUBLIC -> Optional.empty();
      case CLOUD_METADATA -> Optional.of(what + ", which the worker never calls");
      case LINK_LOCAL ->
          allowedLinkLocal.stream().anyMatch(cidr -> cidr.contains(address))
              ? Optional.empty()
              : Optional.of(
                  what
                      + "; allow it with "
                      + ALLOWED_CIDRS
                      + " (a range inside 169.254.0.0/16 or fe80::/10)");
      default ->
          allowedHosts.contains(host) || allowedCidrs.stream().anyMatch(c -> c.contains(address))
              ? Optional.empty()
              : Optional.of(what + "; allow it with " + howToAllow(host, literal));
    };
  }

  private static String howToAllow(String host, boolean literal) {
    return literal ? ALLOWED_CIDRS : ALLOWED_HOSTS + "=" + host + " or " + ALLOWED_CIDRS;
  }

  /** Lower case, without the brackets of an IPv6 literal or the trailing dot of a DNS name. */
  private static String normalize(String host) {
    var name = host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
