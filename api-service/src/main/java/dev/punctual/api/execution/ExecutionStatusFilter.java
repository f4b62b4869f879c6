package dev.punctual.api.execution;

import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.model.event.ExecutionStatus;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code status} filter of {@code GET /jobs/{id}/executions}: one of the statuses an execution
 * shows, {@code FIRED} until a result arrives, then the result's {@link ExecutionStatus}.
 */
final class ExecutionStatusFilter {

  static final String FIRED = "FIRED";

  /** Every status an execution shows, {@code FIRED} first. */
  static final List<String> ALL =
      Stream.concat(Stream.of(FIRED), Arrays.stream(ExecutionStatus.values()).map(Enum::name))
          .toList();

  private ExecutionStatusFilter() {}

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
