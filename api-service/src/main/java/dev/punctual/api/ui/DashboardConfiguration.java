package dev.punctual.api.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves the dashboard's page at {@code /ui} and says which headers its files carry. */
@Configuration(proxyBeanMethods = false)
public class DashboardConfiguration implements WebMvcConfigurer {

  /**
   * Only the API's own scripts, styles and connections: the dashboard has no inline script or
   * style, so an injected one would not run even if a value escaped the page's escaping.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  /** The Content-Security-Policy of the dashboard's files, for the security filter chain. */
  public static HeaderWriter contentSecurityPolicy() {
    return new DelegatingRequestMatcherHeaderWriter(
        PathPatternRequestMatcher.withDefaults().matcher("/ui/**"),
        new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY));
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/ui", "/ui/");
    registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
  }
}
