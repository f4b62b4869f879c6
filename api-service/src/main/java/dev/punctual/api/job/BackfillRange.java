package dev.punctual.api.job;

import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.model.event.JobCommand;
import dev.punctual.model.job.JobDefinition;
import java.time.DateTimeException;
import java.util.Objects;

/**
 * Whether a backfill's range suits the job's schedule: it must hold at least one occurrence (else
 * the request would do nothing, which is most likely a mistake in the range) and at most {@value
 * JobCommand#MAX_BACKFILL_OCCURRENCES}. Occurrences are counted with the schedule's own {@code
 * upcoming}, as the API's next runs are, from the job's creation time as the anchor.
 */
final class BackfillRange {

  private BackfillRange() {}

  /** How many occurrences of the job's schedule lie in [from, to), counting at most max + 1. */
  static int occurrences(JobDefinition definition, ActionBodies.Range range) {
    var anchor = Objects.requireNonNull(definition.createdAt(), "a stored job has createdAt");
    try {
      return (int)
          definition
              .schedule()
              .upcoming(range.from(), anchor, 0, JobCommand.MAX_BACKFILL_OCCURRENCES + 1)
              .stream()
              .filter(occurrence -> occurrence.isBefore(range.to()))
              .count();
    } catch (DateTimeException | ArithmeticException e) {
      // Only at the far ends of the time line, which the range's bounds keep away from.
      throw new InvalidRequestException("to", "the range is too far from today to compute");
    }
  }

  /**
   * @throws InvalidRequestException naming {@code to} when the range holds no occurrence or too
   *     many
   */
  static void requireOccurrences(JobDefinition definition, ActionBodies.Range range) {
    int count = occurrences(definition, range);
    if (count == 0) {
      throw new InvalidRequestException(
          "to",
          "leaves no occurrence of the job's schedule in ["
              + range.from()
              + ", "
              + range.to()
              + ") (check startAt and endAt)");
    }
    if (count > JobCommand.MAX_BACKFILL_OCCURRENCES) {
      throw new InvalidRequestException(
          "to",
          "makes ["
              + range.from()
              + ", "
              + range.to()
              + ") hold more than "
              + JobCommand.MAX_BACKFILL_OCCURRENCES
              + " occurrences of the job's schedule; split it into several backfills");
    }
  }
}
