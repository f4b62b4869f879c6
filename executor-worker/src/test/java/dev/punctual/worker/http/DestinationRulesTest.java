package dev.punctual.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationRulesTest {

  /** What the test's DNS answers; an IP literal resolves to itself, as with the JDK. */
  private static final Map<String, List<String>> DNS =
      Map.of(
          "api.example.com", List.of("203.0.113.10", "2001:db8::10"),
          "internal.example.com", List.of("10.0.0.5"),
          "split.example.com", List.of("203.0.113.11", "192.168.1.7"),
          "localhost", List.of("127.0.0.1", "::1"),
          "metadata.google.internal", List.of("169.254.169.254"),
          "printer.local", List.of("169.254.12.7"),
          "imds.example.com", List.of("fd00:ec2::254"));

  private static final DestinationRules.Resolver RESOLVER =
      host -> {
        if (IpLiterals.isLiteral(host)) {
          return new InetAddress[] {InetAddress.getByName(host)};
        }
        var addresses = DNS.get(host);
        if (addresses == null) {
          throw new UnknownHostException(host);
        }
        return addresses.stream().map(IpLiterals::parse).toArray(InetAddress[]::new);
      };

  private static final DestinationRules DEFAULTS = rules(List.of(), List.of());
  private static final DestinationRules LOOPBACK_ALLOWED =
      rules(List.of(), List.of(DestinationRules.LOOPBACK_CIDRS.split(",")));

  @Test
  void allowsPublicAddresses() {
    assertThat(DEFAULTS.refusal(uri("https://api.example.com/run"))).isEmpty();
    assertThat(DEFAULTS.refusal(uri("http://203.0.113.10:8080/run"))).isEmpty();
    assertThat(DEFAULTS.refusal(uri("http://[2001:db8::10]/run"))).isEmpty();
  }

  @Test
  void refusesAPrivateAddressSayingHowToAllowIt() {
    assertThat(DEFAULTS.refusal(uri("http://10.0.0.5:8080/run")))
        .contains(
            "refused: 10.0.0.5 is a private address; allow it with punctual.worker.allowed-cidrs");
    assertThat(DEFAULTS.refusal(uri("http://internal.example.com/run")))
        .contains(
            "refused: internal.example.com resolves to 10.0.0.5, a private address; allow it with"
                + " punctual.worker.allowed-hosts=internal.example.com or"
                + " punctual.worker.allowed-cidrs");
  }

  @Test
  void refusesAHostWhenAnyOfItsAddressesIsRefused() {
    assertThat(DEFAULTS.refusal(uri("http://split.example.com/run")))
        .contains(
            "refused: split.example.com resolves to 192.168.1.7, a private address; allow it with"
                + " punctual.worker.allowed-hosts=split.example.com or"
                + " punctual.worker.allowed-cidrs");
  }

  @Test
  void refusesLoopbackByDefaultInEveryForm() {
    for (var url :
        List.of(
            "http://127.0.0.1/",
            "http://127.1.2.3/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost:3017/")) {
      assertThat(DEFAULTS.refusal(uri(url))).as(url).hasValueSatisfying(this::isLoopbackRefusal);
    }
  }

  @Test
  void theLoopbackSwitchAllowsLoopbackOnly() {
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://localhost:3017/"))).isEmpty();
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://127.0.0.1/"))).isEmpty();
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://[::1]/"))).isEmpty();
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://[::ffff:127.0.0.1]/"))).isEmpty();

    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://0.0.0.0/")))
        .contains(
            "refused: 0.0.0.0 is an unspecified address; allow it with"
                + " punctual.worker.allowed-cidrs");
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://10.0.0.5/"))).isPresent();
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://169.254.12.7/"))).isPresent();
    assertThat(LOOPBACK_ALLOWED.refusal(uri("http://169.254.169.254/"))).isPresent();
  }

  @Test
  void neverCallsCloudMetadataAddressesWhateverIsAllowed() {
    var everything =
        rules(
            List.of("metadata.google.internal", "imds.example.com"),
            List.of("0.0.0.0/0", "::/0", "169.254.0.0/16", "169.254.169.254/32", "fd00::/8"));

    assertThat(everything.refusal(uri("http://169.254.169.254/latest/meta-data/")))
        .contains(
            "refused: 169.254.169.254 is a cloud metadata address, which the worker never calls");
    assertThat(everything.refusal(uri("http://metadata.google.internal/computeMetadata/v1/")))
        .contains(
            "refused: metadata.google.internal resolves to 169.254.169.254, a cloud metadata"
                + " address, which the worker never calls");
    assertThat(everything.refusal(uri("http://imds.example.com/")))
        .contains(
            "refused: imds.example.com resolves to fd00:ec2::254, a cloud metadata address,"
                + " which the worker never calls");
    assertThat(everything.refusal(uri("http://[::ffff:169.254.169.254]/"))).isPresent();
    assertThat(everything.refusal(uri("http://[fd00:ec2::254]/"))).isPresent();
    assertThat(everything.refusal(uri("http://100.100.100.200/"))).isPresent();
  }

  @Test
  void linkLocalIsOpenedOnlyByALinkLocalRange() {
    var broad = rules(List.of("printer.local"), List.of("0.0.0.0/0", "::/0"));
    var narrow = rules(List.of(), List.of("169.254.12.0/24", "fe80::/64"));

    assertThat(broad.refusal(uri("http://printer.local/")))
        .contains(
            "refused: printer.local resolves to 169.254.12.7, a link-local address; allow it with"
                + " punctual.worker.allowed-cidrs (a range inside 169.254.0.0/16 or fe80::/10)");
    assertThat(broad.refusal(uri("http://[fe80::1]/"))).isPresent();
    assertThat(broad.refusal(uri("http://10.0.0.5/"))).isEmpty();
    assertThat(narrow.refusal(uri("http://printer.local/"))).isEmpty();
    assertThat(narrow.refusal(uri("http://[fe80::1]/"))).isEmpty();
    assertThat(narrow.refusal(uri("http://169.254.13.1/"))).isPresent();
  }

  @Test
  void anAllowedHostMayResolveToPrivateAddresses() {
    var rules = rules(List.of("Internal.Example.com"), List.of());

    assertThat(rules.refusal(uri("http://internal.example.com/run"))).isEmpty();
    assertThat(rules.refusal(uri("http://INTERNAL.example.com./run"))).isEmpty();
    assertThat(rules.refusal(uri("http://10.0.0.5/run"))).isPresent();
    assertThat(rules.refusal(uri("http://split.example.com/run"))).isPresent();
  }

  @Test
  void anAllowedRangeAllowsItsAddressesWhateverTheName() {
    var rules = rules(List.of(), List.of("10.0.0.0/8"));

    assertThat(rules.refusal(uri("http://internal.example.com/run"))).isEmpty();
    assertThat(rules.refusal(uri("http://10.1.2.3/run"))).isEmpty();
    assertThat(rules.refusal(uri("http://[::ffff:10.1.2.3]/run"))).isEmpty();
    assertThat(rules.refusal(uri("http://192.168.1.7/run"))).isPresent();
  }

  @Test
  void anUnknownHostIsRefusedSayingSo() {
    assertThat(DEFAULTS.refusal(uri("http://nowhere.example.com/")))
        .contains("unknown host: nowhere.example.com cannot be resolved");
  }

  @Test
  void aRefusalByTheRulesIsFinalAndAnUnknownHostMayResolveLater() {
    assertThat(DEFAULTS.check(uri("http://10.0.0.5/run")))
        .hasValueSatisfying(refusal -> assertThat(refusal.retryable()).isFalse());
    assertThat(DEFAULTS.check(uri("http://169.254.169.254/")))
        .hasValueSatisfying(refusal -> assertThat(refusal.retryable()).isFalse());
    assertThat(DEFAULTS.check(uri("http://nowhere.example.com/")))
        .hasValueSatisfying(refusal -> assertThat(refusal.retryable()).isTrue());
  }

  @Test
  void theSystemResolverIsUsedByDefault() {
    var rules = DestinationRules.of(List.of(), List.of());

    assertThat(rules.refusal(uri("http://127.0.0.1:8080/"))).isPresent();
    assertThat(rules.refusal(uri("http://0.0.0.0:8080/"))).isPresent();
    // Odd spellings of loopback resolve (or fail to) just as the HTTP client would see them.
    for (var odd : List.of("2130706433", "0x7f.1", "017700000001", "127.1", "[::ffff:7f00:1]")) {
      assertThat(rules.refusal(uri("http://" + odd + ":8080/"))).as(odd).isPresent();
    }
    assertThat(rules.refusal(uri("http://no-such-host.invalid/")))
        .contains("unknown host: no-such-host.invalid cannot be resolved");
  }

  private boolean isLoopbackRefusal(String message) {
    return message.startsWith("refused: ") && message.contains("is a loopback address")
        || message.contains(", a loopback address; allow it with");
  }

  private static DestinationRules rules(List<String> hosts, List<String> cidrs) {
    return new DestinationRules(hosts, cidrs.stream().map(Cidr::parse).toList(), RESOLVER);
  }

  private static URI uri(String text) {
    return URI.create(text);
  }
}
