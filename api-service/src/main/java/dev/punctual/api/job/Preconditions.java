package dev.punctual.api.job;

import dev.punctual.api.system.PreconditionFailedException;
import dev.punctual.model.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conditional headers of a write: {@code If-Match} (the job must exist and, unless {@code *},
 * its definition be at one of the listed versions) and {@code If-None-Match: *} (the job must not
 * exist). A job's entity tag is {@code "<version>-<digest>"}: the definition's version and a digest
 * of the answer's body, so that a read with {@code If-None-Match} is answered 304 only when nothing
 * shown changed, run state ({@code lastRunAt}, {@code nextRunAt}, {@code status} …) included. A
 * write's condition is on the definition alone, which is the client's to change: a tag names the
 * version before its {@code -}, and the bare version tag {@code "3"} matches too, so runs of the
 * job between a read and a write never fail the write. Comparison is strong, so a weak tag ({@code
 * W/"3"}) never matches.
 *
 * @param ifMatch the {@code If-Match} header, {@code null} when absent
 * @param ifNoneMatch the {@code If-None-Match} header, {@code null} when absent
 */
record Preconditions(@Nullable String ifMatch, @Nullable String ifNoneMatch) {

  static final Preconditions NONE = new Preconditions(null, null);

  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");

  /** How much of the digest the tag carries: 64 bits tell one answer from the next. */
  private static final int DIGEST_BYTES = 8;

  /** The entity tag of a job's definition at {@code version}, without the digest. */
  static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** The entity tag of an answer showing a job at {@code version} as {@code shown}. */
  static String etag(long version, ObjectNode shown) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(Json.toBytes(shown));
      return "\"" + version + "-" + HexFormat.of().formatHex(digest, 0, DIGEST_BYTES) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM, which indicates a bug", e);
    }
  }

  /**
   * Checks the conditions against the job's current state.
   *
   * @param current the job, {@code null} when it does not exist
   * @throws PreconditionFailedException when a condition does not hold
   */
  void check(String id, @Nullable JobRow current) {
    if (ifMatch != null) {
      if (current == null) {
        throw new PreconditionFailedException(
            "There is no job with id '" + id + "', so If-Match: " + ifMatch + " does not hold.",
            null);
      }
      if (!matches(ifMatch, current.version())) {
        throw new PreconditionFailedException(
            "The job '"
                + id
                + "' is at version "
                + current.version()
                + " (ETag "
                + etag(current.version())
                + "), not "
                + ifMatch
                + ": it changed since you read it. Read it again, reapply your change and send"
                + " it with the new ETag.",
            etag(current.version()));
      }
    }
    if (ifNoneMatch != null && current != null && matches(ifNoneMatch, current.version())) {
      throw new PreconditionFailedException(
          "The job '"
              + id
              + "' already exists (If-None-Match: "
              + ifNoneMatch
              + "); leave the header out to replace it.",
          etag(current.version()));
    }
  }

  private static boolean matches(String header, long version) {
    var trimmed = header.trim();
    if (trimmed.equals("*")) {
      return true;
    }
    var tag = etag(version);
    var prefix = "\"" + version + "-";
    for (var candidate : LIST_SEPARATOR.split(trimmed)) {
      if (candidate.equals(tag) || (candidate.startsWith(prefix) && candidate.endsWith("\""))) {
        return true;
      }
    }
    return false;
  }
}
