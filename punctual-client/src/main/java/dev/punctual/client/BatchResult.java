package dev.punctual.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@code POST /jobs/batch}: one item per job of the request, in its order.
 *
 * @param items the outcome of each job
 */
public record BatchResult(List<Item> items) {

  public BatchResult {
    items = List.copyOf(items);
  }

  /** The items that failed (400 or 409). */
  public List<Item> failures() {
    return items.stream().filter(item -> item.error() != null).toList();
  }

  /**
   * The outcome of one job.
   *
   * @param id the job's id; {@code null} when an invalid item named none
   * @param status 201 created, 200 existed with the same definition, 400 invalid, 409 conflict
   * @param error why it failed; {@code null} on success
   */
  public record Item(@Nullable String id, int status, @Nullable Problem error) {}
}
