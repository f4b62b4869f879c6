package dev.punctual.api.system;

import dev.punctual.model.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.http.MediaType;

/**
 * Answers an {@link ApiProblem} from a servlet filter, which runs before (or outside) Spring MVC
 * and so cannot throw it to {@link ProblemAdvice}: the same RFC 9457 members and headers.
 */
public final class FilterProblems {

  private FilterProblems() {}

  /** Writes {@code problem} as the answer to {@code request}. */
  public static void answer(
      HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
      throws IOException {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status().value());
    body.put("detail", problem.detail());
    body.put("instance", request.getRequestURI());
    if (!problem.errors().isEmpty()) {
      body.put("errors", problem.errors());
    }
    response.setStatus(problem.status().value());
    problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(Json.toBytes(body));
  }
}
