package dev.punctual.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list, as the API answers it: {@code {"items":[…],"nextCursor":"…"|null}}.
 *
 * @param items the entries of this page, in the list's order
 * @param nextCursor the cursor of the next page; {@code null} on the last page
 */
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

  public CursorPage {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
