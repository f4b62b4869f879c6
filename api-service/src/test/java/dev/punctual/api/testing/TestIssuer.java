package dev.punctual.api.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * An OAuth2 issuer for tests: an RSA key whose public half is served as a JWK set over HTTP on
 * loopback, and JWTs signed with it (or with a foreign key nobody trusts).
 */
public final class TestIssuer implements AutoCloseable {

  public static final String ISSUER = "https://issuer.punctual.test";

  private final RSAKey key = newKey();
  private final RSAKey foreignKey = newKey();
  private final HttpServer server;

  public TestIssuer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          try (var body = exchange.getResponseBody()) {
            body.write(jwks);
          }
        });
    server.createContext(
        "/.well-known/openid-configuration",
        exchange -> {
          var metadata =
              """
              {"issuer": "%s", "jwks_uri": "%s"}
              """
                  .formatted(issuerUri(), jwkSetUri())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, metadata.length);
          try (var body = exchange.getResponseBody()) {
            body.write(metadata);
          }
        });
    server.start();
  }

  /**
   * The URI of this issuer as served over HTTP, with OpenID Connect metadata, for {@code
   * punctual.api.jwt-issuer-uri} alone; its tokens are made by {@link #tokenOfServedIssuer}.
   */
  public String issuerUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A token whose {@code iss} is {@link #issuerUri()}, valid for an hour. */
  public String tokenOfServedIssuer(String subject, String scope) {
    var claims =
        new JWTClaimsSet.Builder(claims(subject, scope, null, Instant.now().plusSeconds(3600)))
            .issuer(issuerUri())
            .build();
    return sign(key, claims);
  }

  /** The URI of the JWK set, for {@code punctual.api.jwt-jwk-set-uri}. */
  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  /** A token of this issuer with these space-separated scopes, valid for an hour. */
  public String token(String subject, String scope, String namespace) {
    return sign(key, claims(subject, scope, namespace, Instant.now().plusSeconds(3600)));
  }

  /** A token of this issuer that expired an hour ago. */
  public String expiredToken(String subject, String scope) {
    return sign(key, claims(subject, scope, null, Instant.now().minusSeconds(3600)));
  }

  /** A token that claims to be of this issuer but is signed with another key. */
  public String foreignToken(String subject, String scope) {
    return sign(foreignKey, claims(subject, scope, null, Instant.now().plusSeconds(3600)));
  }

  private static JWTClaimsSet claims(
      String subject, String scope, String namespace, Instant expiresAt) {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .claim("scope", scope)
            .issueTime(Date.from(expiresAt.minusSeconds(7200)))
            .expirationTime(Date.from(expiresAt));
    if (namespace != null) {
      claims.claim("namespace", namespace);
    }
    return claims.build();
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      var jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
