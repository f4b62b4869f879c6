package dev.punctual.api.system;

import dev.punctual.api.ApiProperties;
import dev.punctual.model.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 (problem+json) to a request whose declared {@code Content-Length} exceeds {@code
 * punctual.api.max-request-body-size}, before anything reads the body. A chunked body without a
 * length is not limited yet.
 */
@Component
class LimitRequestBodySize extends OncePerRequestFilter {

  private final long maxBytes;

  LimitRequestBodySize(ApiProperties properties) {
    this.maxBytes = properties.maxRequestBodySize().toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      var problem = new LinkedHashMap<String, Object>();
      problem.put("type", "about:blank");
      problem.put("title", "Request body too large");
      problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
      problem.put(
          "detail",
          "The request body has "
              + request.getContentLengthLong()
              + " bytes; at most "
              + maxBytes
              + " are accepted.");
      problem.put("instance", request.getRequestURI());
      response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getOutputStream().write(Json.toBytes(problem));
      return;
    }
    chain.doFilter(request, response);
  }
}
