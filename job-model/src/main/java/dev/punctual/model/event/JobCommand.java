package dev.punctual.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** A request about one job, written to the commands topic (key = job id). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = JobCommand.TriggerNow.class, name = "TRIGGER")})
public sealed interface JobCommand permits JobCommand.TriggerNow {

  /** Identifies the request; the manual fire's id is {@code <jobId>@manual-<requestId>}. */
  String requestId();

  /**
   * Fire the job once, now, whatever its schedule or pause state: {@code
   * {"type":"TRIGGER","requestId":"…"}}.
   */
  record TriggerNow(String requestId) implements JobCommand {
    public TriggerNow {
      Objects.requireNonNull(requestId, "requestId");
      if (requestId.isBlank()) {
        throw new IllegalArgumentException("requestId must not be blank");
      }
    }
  }
}
