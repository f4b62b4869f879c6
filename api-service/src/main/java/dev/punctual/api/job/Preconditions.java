package dev.punctual.api.job;

import dev.punctual.api.system.PreconditionFailedException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The conditional headers of a write: {@code If-Match} (the job must exist and, unless {@code *},
 * be at one of the listed versions) and {@code If-None-Match: *} (the job must not exist). A job's
 * entity tag is its version in quotes ({@code "3"}); comparison is strong, so a weak tag ({@code
 * W/"3"}) never matches.
 *
 * @param ifMatch the {@code If-Match} header, {@code null} when absent
 * @param ifNoneMatch the {@code If-None-Match} header, {@code null} when absent
 */
record Preconditions(@Nullable String ifMatch, @Nullable String ifNoneMatch) {

  static final Preconditions NONE = new Preconditions(null, null);

  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");

  /** The entity tag of a job at {@code version}. */
  static String etag(long version) {
    return "\"" + version + "\"";
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
    for (var candidate : LIST_SEPARATOR.split(trimmed)) {
      if (candidate.equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
