package dev.punctual.api.system;

import dev.punctual.api.testing.RawHttp.Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generated requests over the REST surface, each from its own seed so that one case can be made
 * again: a mutated body on an endpoint that takes one, odd query parameters, odd paths (malformed
 * percent-encoding, NUL, dot segments, overlong), and odd headers (conditional, idempotency,
 * content type, accept, tracing) on any of them.
 *
 * @param existingJob the id of a job that exists, so that requests also reach its sub-resources
 */
record BadRequests(String existingJob) {

  private static final List<String> QUERY_NAMES =
      List.of(
          "cursor",
          "name",
          "label",
          "limit",
          "status",
          "namespace",
          "from",
          "to",
          "count",
          "jobId",
          "actor",
          "since",
          "x",
          "",
          "limit[]",
          "%ZZ");

  private static final List<String> GET_PATHS =
      List.of(
          "/jobs",
          "/jobs/{id}",
          "/jobs/{id}/executions",
          "/jobs/{id}/next-runs",
          "/jobs/{id}/missed",
          "/executions/{fire}",
          "/admin/audit",
          "/admin/api-keys",
          "/asyncapi.json",
          "/actuator/health",
          "/nothing/here");

  private static final List<String> SEGMENTS =
      List.of(
          "pause",
          "resume",
          "trigger",
          "backfill",
          "next-runs",
          "executions",
          "missed",
          "batch",
          "",
          "..",
          ".",
          "%2e%2e",
          "%ZZ",
          "%00",
          "%",
          "%C3%28",
          "a;b=c",
          "%2F");

  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "FOO");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-16",
          "application/json; charset=nope",
          "text/plain",
          "application/xml",
          "garbage",
          "",
          "*/*",
          "application/problem+json",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "multipart/form-data",
          "application/json; charset=\"",
          "application/",
          "/json");

  private static final List<String> ACCEPTS =
      List.of(
          "*/*",
          "text/html",
          "application/xml",
          "garbage",
          "",
          "application/json;q=abc",
          "image/png",
          "application/problem+json",
          "text/html;q=1, */*;q=0",
          "application/*",
          "*/json",
          "text/event-stream");

  private static final List<String> HEADER_NAMES =
      List.of(
          "If-Match",
          "If-None-Match",
          "Idempotency-Key",
          "Content-Type",
          "Accept",
          "traceparent",
          "tracestate",
          "Authorization",
          "X-Forwarded-For",
          "Range",
          "Content-Encoding",
          "Expect",
          "Accept-Charset",
          "If-Modified-Since",
          // Not Transfer-Encoding: with an unknown coding RFC 9112 (6.1) asks for a 501, and with
          // chunked the server waits for chunks that never come.
          "Cookie");

  /** The request of case {@code seed}. */
  Request request(long seed) {
    var odd = new OddValues(new SplittableRandom(seed));
    var request =
        switch (odd.between(0, 9)) {
          case 0, 1, 2, 3 -> withBody(odd);
          case 4, 5, 6 -> withQuery(odd);
          default -> withPath(odd);
        };
    var headers = new LinkedHashMap<>(request.headers());
    int extra = odd.chance(40) ? odd.between(1, 3) : 0;
    for (int i = 0; i < extra; i++) {
      var name = odd.pick(HEADER_NAMES);
      headers.put(name, headerValue(odd, name));
    }
    return new Request(request.method(), request.target(), headers, request.body());
  }

  private Request withBody(OddValues odd) {
    var bodies = new MutatedBodies(odd);
    var id = odd.chance(50) ? existingJob : "fuzz-" + odd.between(0, 1_000_000);
    var job = ValidBodies.job(odd, id);
    var endpoint = odd.between(0, 9);
    var method = endpoint == 3 ? "PUT" : "POST";
    var path =
        switch (endpoint) {
          case 0, 1, 2 -> "/jobs";
          case 3 -> "/jobs/" + (odd.chance(80) ? id : odd.text());
          case 4 -> "/jobs/batch";
          case 5 -> "/jobs/" + existingJob + "/trigger";
          case 6 -> "/jobs/" + existingJob + "/backfill";
          case 7 -> "/admin/api-keys";
          default -> "/jobs/" + existingJob + "/" + odd.pick(List.of("pause", "resume"));
        };
    var valid =
        switch (endpoint) {
          case 4 -> "{\"jobs\":[" + job + "," + ValidBodies.job(odd, id + "b") + "]}";
          case 5 -> ValidBodies.trigger();
          case 6 -> ValidBodies.backfill();
          case 7 -> ValidBodies.apiKey();
          default -> job;
        };
    var headers = new LinkedHashMap<String, String>();
    headers.put("Content-Type", odd.chance(85) ? "application/json" : odd.pick(CONTENT_TYPES));
    return new Request(method, path, headers, bodies.mutate(valid));
  }

  private Request withQuery(OddValues odd) {
    var path =
        odd.pick(GET_PATHS).replace("{id}", existingJob).replace("{fire}", existingJob + "@1");
    var query = new StringBuilder();
    int parameters = odd.between(1, 4);
    for (int i = 0; i < parameters; i++) {
      query.append(i == 0 ? "?" : "&").append(odd.pick(QUERY_NAMES)).append('=');
      var value = odd.text();
      query.append(odd.chance(50) ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    if (odd.chance(5)) {
      query.append(odd.pick(List.of("&", "&&", "=", "#frag", "?", "&=x")));
    }
    return new Request("GET", path + query, Map.of(), new byte[0]);
  }

  private Request withPath(OddValues odd) {
    var path =
        new StringBuilder(
            odd.pick(
                List.of(
                    "/jobs/",
                    "/executions/",
                    "/admin/api-keys/",
                    "/",
                    "//jobs/",
                    "/jobs/" + existingJob + "/")));
    int segments = odd.between(1, 3);
    for (int i = 0; i < segments; i++) {
      path.append(i == 0 ? "" : "/").append(odd.chance(50) ? odd.pick(SEGMENTS) : odd.text());
    }
    var method = odd.chance(60) ? "GET" : odd.pick(METHODS);
    return new Request(method, path.toString(), Map.of(), new byte[0]);
  }

  private static String headerValue(OddValues odd, String name) {
    return switch (name) {
      case "Content-Type" -> odd.pick(CONTENT_TYPES);
      case "Accept" -> odd.pick(ACCEPTS);
      case "traceparent" ->
          odd.pick(
              List.of(
                  "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01",
                  "00-zz-zz-zz",
                  "ff",
                  odd.text()));
      default -> odd.text();
    };
  }
}
