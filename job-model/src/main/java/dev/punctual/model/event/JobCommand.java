package dev.punctual.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A request about one job, written to the commands topic (key = job id). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = JobCommand.TriggerNow.class, name = "TRIGGER"),
  @JsonSubTypes.Type(value = JobCommand.Backfill.class, name = "BACKFILL")
})
public sealed interface JobCommand permits JobCommand.TriggerNow, JobCommand.Backfill {

  /** The most occurrences one backfill may ask for. */
  int MAX_BACKFILL_OCCURRENCES = 1_000;

  /** Identifies the request. */
  String requestId();

  /**
   * Fire the job once, now, whatever its schedule or pause state: {@code
   * {"type":"TRIGGER","requestId":"…"}}; the manual fire's id is {@code
   * <jobId>@manual-<requestId>}.
   *
   * @param parameters replace the job's parameters for this fire only; the job's own when absent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TriggerNow(String requestId, @Nullable ObjectNode parameters) implements JobCommand {
    public TriggerNow {
      requireRequestId(requestId);
    }

    /** A trigger with the job's own parameters. */
    public TriggerNow(String requestId) {
      this(requestId, null);
    }
  }

  /**
   * Fire every occurrence of the job's schedule in [{@code from}, {@code to}), oldest first, with
   * trigger {@link Trigger#BACKFILL} and fire id {@code <jobId>@<scheduledAt epoch millis>}: {@code
   * {"type":"BACKFILL","requestId":"…","from":"…","to":"…"}}. At most {@value
   * #MAX_BACKFILL_OCCURRENCES} occurrences.
   */
  record Backfill(String requestId, Instant from, Instant to) implements JobCommand {
    public Backfill {
      requireRequestId(requestId);
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      from = from.truncatedTo(ChronoUnit.MILLIS);
      to = to.truncatedTo(ChronoUnit.MILLIS);
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException("to must be after from");
      }
    }
  }

  private static void requireRequestId(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must not be blank");
    }
  }
}
