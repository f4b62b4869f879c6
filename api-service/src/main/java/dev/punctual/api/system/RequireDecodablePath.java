package dev.punctual.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Answers 400 to a path Spring cannot decode. Tomcat refuses malformed percent-encoding in a path
 * itself, but not inside a path parameter ({@code /jobs/x;a=%z}), which it strips; Spring's filters
 * decode the whole path, parameters included, and fail with an unexpected error (500) before the
 * security firewall would refuse the {@code ;}. First of all filters, so nothing decodes before it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequireDecodablePath extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      FilterProblems.answer(
          request,
          response,
          new InvalidRequestException(
              "path",
              "is not valid percent-encoding: '%' must be followed by two hexadecimal digits"
                  + " (send '%' itself as %25)"));
      return;
    }
    chain.doFilter(request, response);
  }
}
