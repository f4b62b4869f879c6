package dev.punctual.api.projection;

import java.util.List;

/**
 * A {@link Projection} that applies a polled batch with set-based statements (a few statements per
 * batch rather than a few per record). When the database refuses the batch's data, the loop applies
 * it again one record per transaction with {@link #apply}, so both must have the same outcome.
 *
 * @param <T> what a record holds
 */
public interface BatchProjection<T> extends Projection<T> {

  /**
   * Applies a batch inside the loop's transaction, with the outcome of {@link #apply} applied to
   * each value in turn. The values come by job (record key); a job's values in the order of {@link
   * #orderWithinJob}, by default their offset order.
   */
  void applyAll(List<T> values);
}
