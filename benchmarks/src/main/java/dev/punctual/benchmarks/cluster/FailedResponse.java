package dev.punctual.benchmarks.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** Stands for an HTTP call that got no answer (the service is not listening yet). */
record FailedResponse(String path) implements HttpResponse<String> {

  @Override
  public int statusCode() {
    return 0;
  }

  @Override
  public HttpRequest request() {
    return HttpRequest.newBuilder(URI.create("http://localhost" + path)).build();
  }

  @Override
  public Optional<HttpResponse<String>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return HttpHeaders.of(Map.of(), (a, b) -> true);
  }

  @Override
  public String body() {
    return "";
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request().uri();
  }

  @Override
  public HttpClient.Version version() {
    return HttpClient.Version.HTTP_1_1;
  }
}
