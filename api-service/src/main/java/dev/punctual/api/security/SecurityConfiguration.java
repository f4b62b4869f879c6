package dev.punctual.api.security;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.ui.DashboardConfiguration;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The one security filter chain of the API: stateless bearer tokens (API keys, the bootstrap admin
 * key, JWTs of the operator's issuer) and the scopes of {@link ScopeRules}, or, with {@code
 * punctual.api.security.enabled=false}, everything open to everyone. No sessions, no CSRF (no
 * cookies are ever read, so a browser cannot be tricked into sending a credential), no form login
 * and no HTTP basic.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiProperties properties,
      ApiKeys keys,
      Environment environment,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
    http.csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(h -> h.addHeaderWriter(DashboardConfiguration.contentSecurityPolicy()));
    if (!properties.security().enabled()) {
      http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
      return http.build();
    }
    var problems = new SecurityProblems(resolver);
    var manager = authenticationManager(properties, keys);
    http.authorizeHttpRequests(
            a -> {
              // Errors are answered by ProblemAdvice; their dispatch needs no second check.
              a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
              // The dispatch that ends a live event stream belongs to a request authorized when
              // it came in; its credential may have expired in the meantime.
              a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
              // The management port (metrics for Prometheus, health with details) is kept off the
              // clients' network rather than authenticated, like the scheduler's and worker's, so
              // that a scraper needs no API key. Only when it is a port of its own.
              a.requestMatchers(request -> onManagementPort(request, environment)).permitAll();
              for (var path : ScopeRules.OPEN) {
                a.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(path))
                    .permitAll();
              }
              for (var rule : ScopeRules.RULES) {
                a.requestMatchers(rule.matcher())
                    .hasAnyAuthority(rule.scope().authority(), Scope.ADMIN.authority());
              }
              a.anyRequest().hasAuthority(Scope.ADMIN.authority());
            })
        .oauth2ResourceServer(
            o ->
                o.authenticationManagerResolver(request -> manager)
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterAfter(new RememberCaller(), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  /**
   * No Micrometer observations of Spring Security's filters, authentications and authorizations:
   * observing every filter of every request (about ten with security off) took a sixth of the
   * memory a {@code POST /jobs} allocates (JFR), while {@code http.server.requests} already times
   * every request by status, and refusals are counted and audited.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /** Whether {@code request} came in on a management port that is not the API's port. */
  static boolean onManagementPort(HttpServletRequest request, Environment environment) {
    var management = environment.getProperty("local.management.port", Integer.class);
    var server = environment.getProperty("local.server.port", Integer.class);
    return management != null && !management.equals(server) && request.getLocalPort() == management;
  }

  /** API keys first; JWTs only when an issuer or a JWK set is configured. */
  private static AuthenticationManager authenticationManager(
      ApiProperties properties, ApiKeys keys) {
    var providers = new ArrayList<AuthenticationProvider>();
    providers.add(
        new ApiKeyAuthenticationProvider(keys, properties.security().bootstrapAdminKey()));
    if (properties.acceptsJwt()) {
      var issuer = properties.jwtIssuerUri();
      var decoder =
          properties.jwtJwkSetUri() != null
              ? NimbusJwtDecoder.withJwkSetUri(properties.jwtJwkSetUri()).build()
              : NimbusJwtDecoder.withIssuerLocation(issuer).build();
      decoder.setJwtValidator(
          issuer == null
              ? JwtValidators.createDefault()
              : JwtValidators.createDefaultWithIssuer(issuer));
      var jwt = new JwtAuthenticationProvider(decoder);
      jwt.setJwtAuthenticationConverter(new JwtCallers());
      providers.add(jwt);
    }
    return new ProviderManager(providers);
  }

  /** Says at start how to get in, when nothing would let anyone in. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> warnWhenLockedOut(
      ApiProperties properties, ApiKeys keys) {
    return event -> {
      var security = properties.security();
      if (!security.enabled()) {
        log.info("Security is off: every request may do everything in every namespace.");
      } else if (security.bootstrapAdminKey() == null
          && !properties.acceptsJwt()
          && !keys.anyActive()) {
        log.warn(
            "Security is on, but no credential can be used: there is no API key, no bootstrap"
                + " admin key and no JWT issuer. Set PUNCTUAL_API_SECURITY_BOOTSTRAP_ADMIN_KEY"
                + " (punctual.api.security.bootstrap-admin-key) to a long random string and issue"
                + " keys with POST /admin/api-keys, or set PUNCTUAL_API_JWT_ISSUER_URI or"
                + " PUNCTUAL_API_JWT_JWK_SET_URI, or turn security off with"
                + " PUNCTUAL_API_SECURITY_ENABLED=false on a trusted network only.");
      }
    };
  }
}
