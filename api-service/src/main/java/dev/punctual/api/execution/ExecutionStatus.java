package dev.punctual.api.execution;

import dev.punctual.api.system.InvalidRequestException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The statuses an execution shows: the results' and {@code FIRED} until a result arrives. */
final class ExecutionStatus {

  static final List<String> ALL = List.of("FIRED", "SUCCEEDED", "FAILED", "TIMED_OUT");

  private ExecutionStatus() {}

  /**
   * The {@code status} filter, or {@code null} for none.
   *
   * @throws InvalidRequestException when it is not one of {@link #ALL}
   */
  static @Nullable String filter(@Nullable String status) {
    if (status == null || status.isEmpty()) {
      return null;
    }
    if (!ALL.contains(status)) {
      throw new InvalidRequestException(
          "status", "must be one of " + String.join(", ", ALL) + ", was '" + status + "'");
    }
    return status;
  }
}
