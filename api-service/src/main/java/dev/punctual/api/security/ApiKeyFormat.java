package dev.punctual.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of API keys: {@code pct_<id>_<secret>}, where the id (16 hex digits) is public (lists,
 * audit) and the secret is 256 random bits from {@link SecureRandom}, base64url without padding.
 * The recognisable prefix lets secret scanners find leaked keys and tells a key from a JWT.
 *
 * <p>Keys are stored only as their SHA-256. A fast hash is right here, unlike for passwords: a key
 * holds 256 random bits, so no dictionary or brute force can find it from its hash however fast the
 * hash, and a slow hash (bcrypt, Argon2) would only add its cost to every request.
 */
public final class ApiKeyFormat {

  /** Every API key starts with this. */
  public static final String PREFIX = "pct_";

  private static final Pattern KEY = Pattern.compile("pct_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  /** A new key: its id and the whole key (shown once). */
  public record NewKey(String id, String key) {}

  /** Makes a new random key. */
  public static NewKey generate() {
    var idBytes = new byte[8];
    var secret = new byte[32];
    RANDOM.nextBytes(idBytes);
    RANDOM.nextBytes(secret);
    var id = HexFormat.of().formatHex(idBytes);
    return new NewKey(
        id,
        PREFIX
            + id
            + "_"
            + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Whether {@code token} is meant as an API key (it may still be wrong). */
  public static boolean looksLikeKey(String token) {
    return token.startsWith(PREFIX);
  }

  /** The id of {@code key}, if it has the shape of a key. */
  public static Optional<String> idOf(String key) {
    var matcher = KEY.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The SHA-256 of {@code key}, as stored. */
  public static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256; its absence indicates a bug", e);
    }
  }

  /** Whether {@code key} hashes to {@code storedHash}, compared in constant time. */
  public static boolean matches(String key, byte[] storedHash) {
    return MessageDigest.isEqual(hash(key), storedHash);
  }
}
