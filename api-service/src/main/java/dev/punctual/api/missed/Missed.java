package dev.punctual.api.missed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Occurrences of a job that did not fire on time, as the API shows them: one item per record of the
 * missed topic.
 *
 * @param reason {@code MISFIRE} (processed later than the misfire threshold, or after the next
 *     occurrence was due) or {@code OVERLAP} (due while an earlier fire had no final result)
 * @param policy the misfire or overlap policy that decided what happened to them
 * @param from the first missed occurrence
 * @param to the last missed occurrence ({@code from} for one)
 * @param count how many occurrences were missed
 * @param firedScheduledAt the occurrence of the fire that stands for them, if one fired
 * @param detectedAt when the scheduler found them missed
 * @param sequence position in the list (newest highest); not shown, only in cursors
 */
@Schema(name = "MissedOccurrences", example = MissedApi.EXAMPLE)
@JsonPropertyOrder({"reason", "policy", "from", "to", "count", "firedScheduledAt", "detectedAt"})
record Missed(
    @Schema(allowableValues = {"MISFIRE", "OVERLAP"}) String reason,
    @Schema(
            description = "the misfirePolicy (MISFIRE) or overlapPolicy (OVERLAP) that applied",
            example = "FIRE_ONCE")
        String policy,
    @Schema(description = "the first missed occurrence (scheduledAt)") Instant from,
    @Schema(description = "the last missed occurrence; equal to from for one") Instant to,
    @Schema(description = "how many occurrences in [from, to] were missed", minimum = "1")
        long count,
    @Schema(
            description =
                "the scheduledAt of the fire that stands for them (a FIRE_ONCE catch-up or a"
                    + " buffered overlap); null when none fired")
        @Nullable Instant firedScheduledAt,
    @Schema(description = "when the scheduler found them missed") Instant detectedAt,
    @JsonIgnore @Schema(hidden = true) long sequence) {}
