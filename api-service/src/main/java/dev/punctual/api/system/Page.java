package dev.punctual.api.system;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: {@code {"items":[…],"nextCursor":"…"|null}}.
 *
 * @param items the entries of this page, in the list's order
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page made of the first {@code limit} of {@code fetched}, where the query fetched one row
   * more than {@code limit} to learn whether another page follows.
   *
   * @param keyOf the keyset position of an entry, encoded into the next cursor
   */
  public static <T> Page<T> of(
      List<T> fetched, int limit, java.util.function.Function<T, String> keyOf) {
    if (fetched.size() <= limit) {
      return new Page<>(fetched, null);
    }
    var items = fetched.subList(0, limit);
    return new Page<>(items, Cursor.encode(keyOf.apply(items.getLast())));
  }
}
