package dev.punctual.api.job;

import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.model.job.JobDefinition;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@code label} parameters of {@code GET /jobs}: each {@code key:value}, all of which a job's
 * labels must hold. The key follows the rule of a job's label keys, so a filter that no job could
 * match is refused rather than answered with an empty list; the value is everything after the first
 * colon (it may hold colons, and may be empty).
 */
final class LabelFilter {

  /** The request parameter. */
  static final String PARAMETER = "label";

  /** At most this many label filters, as many as a job may have labels. */
  static final int MAX_FILTERS = JobDefinition.MAX_LABELS;

  private LabelFilter() {}

  /**
   * The labels a job must hold, by key.
   *
   * @throws InvalidRequestException naming {@value #PARAMETER} when one is malformed, or when two
   *     ask for different values of one key (no job could match)
   */
  static Map<String, String> parse(@Nullable List<String> parameters) {
    var labels = new TreeMap<String, String>();
    if (parameters == null) {
      return labels;
    }
    if (parameters.size() > MAX_FILTERS) {
      throw invalid("at most " + MAX_FILTERS + " label filters, was " + parameters.size());
    }
    for (var parameter : parameters) {
      if (parameter.isEmpty()) {
        continue; // an empty label= filters nothing, like an empty status=
      }
      int colon = parameter.indexOf(':');
      if (colon < 0) {
        throw invalid("'" + abbreviate(parameter) + "' is not key:value");
      }
      var key = parameter.substring(0, colon);
      var value = parameter.substring(colon + 1);
      if (!JobDefinition.LABEL_KEY_PATTERN.matcher(key).matches()) {
        throw invalid(
            "'"
                + abbreviate(key)
                + "' is not a valid label key: use 1 to 63 of a-z, 0-9, '.', '_', '/' or '-'");
      }
      if (value.length() > JobDefinition.MAX_LABEL_VALUE_LENGTH) {
        throw invalid(
            "the value of '"
                + key
                + "' must be at most "
                + JobDefinition.MAX_LABEL_VALUE_LENGTH
                + " characters");
      }
      if (value.indexOf('\u0000') >= 0) {
        throw invalid("the value of '" + key + "' must not contain the NUL character");
      }
      var earlier = labels.putIfAbsent(key, value);
      if (earlier != null && !earlier.equals(value)) {
        throw invalid("'" + key + "' is asked for with two values; a job has one per key");
      }
    }
    return labels;
  }

  private static InvalidRequestException invalid(String message) {
    return new InvalidRequestException(PARAMETER, message);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
