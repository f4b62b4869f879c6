package dev.punctual.api.proxy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers {@link ForwardedClient} before every other filter, so that tracing, the audit log,
 * authentication and the rate limits all see the client rather than the proxy. With no trusted
 * proxy configured the filter is not registered at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
class ProxyConfiguration {

  @Bean
  FilterRegistrationBean<ForwardedClient> forwardedClient(ProxyProperties properties) {
    var proxies = TrustedProxies.of(properties.trustedProxies());
    var registration = new FilterRegistrationBean<>(new ForwardedClient(proxies));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setName("forwardedClient");
    registration.setEnabled(!proxies.isEmpty());
    return registration;
  }
}
