package dev.punctual.api.proxy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which reverse proxies the API believes, under {@code punctual.api}. Kept apart from {@link
 * dev.punctual.api.ApiProperties} because only this package reads it.
 *
 * @param trustedProxies the addresses and CIDR ranges of the proxies and gateways in front of the
 *     API (env {@code PUNCTUAL_API_TRUSTED_PROXIES}, comma-separated, e.g. {@code
 *     10.0.0.0/8,fd00::/8}); empty by default: no one is trusted and forwarded headers are ignored.
 *     From a trusted proxy, the client is the right-most hop of {@code Forwarded} (or, without it,
 *     {@code X-Forwarded-For}) that is not itself a trusted proxy.
 */
@ConfigurationProperties("punctual.api")
public record ProxyProperties(List<String> trustedProxies) {

  public ProxyProperties {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    // Parsed here so that a wrong entry stops the start with its name.
    TrustedProxies.of(trustedProxies);
  }
}
