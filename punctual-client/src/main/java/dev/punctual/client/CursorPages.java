package dev.punctual.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a cursor-paged list, fetched lazily: the first page when the first entry is asked
 * for, the next one only when the entries of the current one are used up, until a page has no
 * {@code nextCursor}. A page may be empty although more follow (the API filters after it reads a
 * page, e.g. by status), so an empty page with a cursor is followed, not taken as the end.
 */
public final class CursorPages<T> implements Iterator<T> {

  /** Fetches one page of a list. */
  @FunctionalInterface
  public interface PageSource<T> {

    /**
     * The page at {@code cursor}.
     *
     * @param cursor {@code null} for the first page, else a previous page's {@code nextCursor}
     */
    CursorPage<T> fetch(@Nullable String cursor);
  }

  private final PageSource<T> source;
  private @Nullable Iterator<T> current;
  private @Nullable String cursor;
  private boolean last;

  private CursorPages(PageSource<T> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** An iterator over every entry of the list {@code source} pages through. */
  public static <T> Iterator<T> iterator(PageSource<T> source) {
    return new CursorPages<>(source);
  }

  /** A sequential, ordered stream of every entry; pages are fetched as the stream is consumed. */
  public static <T> Stream<T> stream(PageSource<T> source) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator(source), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      if (last) {
        return false;
      }
      fetchNext();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the list has no more entries");
    }
    return Objects.requireNonNull(current).next();
  }

  private void fetchNext() {
    var previous = cursor;
    var page = source.fetch(previous);
    current = page.items().iterator();
    cursor = page.nextCursor();
    last = cursor == null;
    if (cursor != null && cursor.equals(previous)) {
      // Following it would ask for the same page forever.
      throw new IllegalStateException(
          "the API answered the cursor it was asked for as the next one ("
              + cursor
              + "); this indicates a bug in the API");
    }
  }
}
