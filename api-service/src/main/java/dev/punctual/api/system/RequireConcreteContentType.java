package dev.punctual.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 to a {@code Content-Type} that names no media type ({@code garbage}) or a wildcard
 * ({@code *}{@code /*}): a body cannot be of such a type, and Spring MVC fails on it with an
 * unexpected error (500) where an endpoint reads an optional body of any type (trigger, backfill).
 */
@Component
class RequireConcreteContentType extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
      FilterProblems.answer(
          request,
          response,
          new UnsupportedMediaTypeException(
              "The Content-Type '"
                  + contentType
                  + "' is not the type of a body; send JSON as application/json."));
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isConcrete(String contentType) {
    try {
      return MediaType.parseMediaType(contentType).isConcrete();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
