package dev.punctual.api.system;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}), in place of Spring Boot's JSON of its own: what ends
 * in {@code sendError} outside MVC (Spring Security's firewall refusing a path with {@code //},
 * {@code ;} or dot segments, the servlet refusing {@code TRACE}) is answered as problem+json like
 * every other error, whatever the request's {@code Accept}.
 */
@Hidden // not an operation of the API: the container forwards here
@RestController
class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    var status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    var problem = ProblemDetail.forStatusAndDetail(status, detail(status, request));
    problem.setTitle(status.getReasonPhrase());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String detail(HttpStatus status, HttpServletRequest request) {
    var method = request.getMethod();
    return switch (status) {
      case BAD_REQUEST ->
          "The request was refused before the API read it: its path may not hold '//', '/./',"
              + " '/../', ';', an encoded '/', '\\', '%' or '.', or characters outside RFC 3986.";
      case METHOD_NOT_ALLOWED -> "The method " + method + " is not allowed here.";
      case NOT_FOUND -> "There is nothing here; see /api-docs for the API.";
      default -> {
        if (status.is4xxClientError()) {
          yield "The request was refused (" + status.getReasonPhrase() + ").";
        }
        var reference = UUID.randomUUID().toString();
        log.error(
            "Error answering {} {} outside the API's handlers (reference {})",
            method,
            request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
            reference,
            (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        yield "The service failed to answer this request. It has been logged with reference "
            + reference
            + "; try again, and if it persists tell the operator this reference.";
      }
    };
  }
}
