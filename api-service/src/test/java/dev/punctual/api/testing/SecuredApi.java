package dev.punctual.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * An API instance with security on, on a database and topics of its own, that accepts the bootstrap
 * admin key {@link #BOOTSTRAP_KEY} and the JWTs of its own {@link TestIssuer}. Closing it stops
 * both.
 */
public final class SecuredApi implements AutoCloseable {

  public static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-tests-only-0123456789";

  private final String name;
  private final TestIssuer issuer;
  private final RunningApi instance;

  private SecuredApi(String name, TestIssuer issuer, List<String> extraArguments) {
    this.name = name;
    this.issuer = issuer;
    this.instance = startInstance(name, issuer, extraArguments);
  }

  /**
   * Starts an issuer and an instance on database and topics {@code name}, with further command-line
   * settings.
   */
  public static SecuredApi start(String name, String... extraArguments) {
    var issuer = new TestIssuer();
    try {
      return new SecuredApi(name, issuer, List.of(extraArguments));
    } catch (RuntimeException e) {
      issuer.close();
      throw e;
    }
  }

  /** Another instance on the same database, topics and issuer; the caller closes it. */
  public RunningApi startAnotherInstance() {
    return startInstance(name, issuer, List.of());
  }

  public ApiClient api() {
    return instance.api();
  }

  public TestIssuer issuer() {
    return issuer;
  }

  public RunningApi instance() {
    return instance;
  }

  @Override
  public void close() {
    try {
      instance.close();
    } finally {
      issuer.close();
    }
  }

  private static RunningApi startInstance(
      String name, TestIssuer issuer, List<String> extraArguments) {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database(name));
    arguments.addAll(TestServers.topics(name));
    arguments.add("--punctual.api.security.enabled=true");
    arguments.add("--punctual.api.security.bootstrap-admin-key=" + BOOTSTRAP_KEY);
    arguments.add("--punctual.api.jwt-jwk-set-uri=" + issuer.jwkSetUri());
    arguments.add("--punctual.api.jwt-issuer-uri=" + TestIssuer.ISSUER);
    arguments.addAll(extraArguments);
    return RunningApi.start(arguments);
  }

  /** The {@code Authorization} header and value of a bearer token, for {@link ApiClient}. */
  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  /** Issues a key through {@code api} with the bootstrap key; the key. */
  public static String issueKey(ApiClient api, String namespace, String... scopes) {
    var body =
        """
        {"name": "test key", "scopes": [%s], "namespace": %s}
        """
            .formatted(
                String.join(",", List.of(scopes).stream().map(s -> "\"" + s + "\"").toList()),
                namespace == null ? "null" : "\"" + namespace + "\"");
    var answer = api.post("/admin/api-keys", body, bearer(BOOTSTRAP_KEY));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().get("key").asString();
  }
}
