package dev.punctual.api.system;

import dev.punctual.api.ApiProperties;
import org.jspecify.annotations.Nullable;

/** The page size of a list request: its {@code limit}, checked against the configured bounds. */
public final class PageSize {

  private PageSize() {}

  /**
   * {@code limit}, or the default page size when it is absent.
   *
   * @throws InvalidRequestException when {@code limit} is outside 1 and the maximum page size
   */
  public static int of(@Nullable Integer limit, ApiProperties properties) {
    if (limit == null) {
      return properties.defaultPageSize();
    }
    if (limit < 1 || limit > properties.maxPageSize()) {
      throw new InvalidRequestException(
          "limit", "must be between 1 and " + properties.maxPageSize() + ", was " + limit);
    }
    return limit;
  }
}
