package dev.punctual.scheduler.timer;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parameters a {@code TRIGGER} command gave its manual fire in place of the job's, kept in the
 * {@link JobState} until the fire has its final result, so that its retries run with them too (the
 * override is for that fire, and a retry is the same fire).
 *
 * @param fireId the manual fire
 * @param parameters the parameters it runs with
 */
public record ManualParameters(String fireId, ObjectNode parameters) {

  public ManualParameters {
    Objects.requireNonNull(fireId, "fireId");
    Objects.requireNonNull(parameters, "parameters");
  }
}
