package dev.punctual.api.system;

import dev.punctual.model.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as problem+json instead of its HTML page. Tomcat refuses some requests
 * before any servlet sees them (a malformed request line or header, {@code %ZZ} or {@code %00} in
 * the path, an overlong header) and answers them through the host's error report valve; this one
 * writes the same RFC 9457 members as {@link ProblemAdvice}, with Tomcat's reason when it has one.
 * The checks before writing are those of Tomcat's own {@link ErrorReportValve#report}.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    var ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return; // the connection is broken: nobody would read the report
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "about:blank");
    var known = HttpStatus.resolve(status);
    body.put("title", known == null ? "Error" : known.getReasonPhrase());
    body.put("status", status);
    body.put("detail", detail(status, throwable == null ? response.getMessage() : null));
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      var writer = response.getReporter();
      if (writer != null) {
        writer.write(Json.toText(body));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the answer was committed meanwhile; nothing more to say.
    }
  }

  /** What went wrong, with Tomcat's reason (never an exception's message) when there is one. */
  private static String detail(int status, String reason) {
    var because = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    if (status == 400) {
      return "The request is malformed and was refused before the API read it"
          + because
          + ": check the path and query string (percent-encoding is '%' and two hexadecimal"
          + " digits of UTF-8; %00 and an encoded '/' or '\\' are not allowed in a path) and"
          + " the headers.";
    }
    if (status < 500) {
      return "The request was refused before the API read it" + because + ".";
    }
    return "The server failed to answer this request; try again, and if it persists tell the"
        + " operator.";
  }
}
