package dev.punctual.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "nightly-report", "job.with_all-chars.09", "12345", "ü?&=/+"})
  void decodesWhatItEncoded(String position) {
    var cursor = Cursor.encode(position);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(Cursor.decode(cursor)).isEqualTo(position);
  }

  @Test
  void noCursorIsTheFirstPage() {
    assertThat(Cursor.decode(null)).isNull();
    assertThat(Cursor.decode("")).isNull();
    assertThat(Cursor.decodeLong(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"%%%", "abc=", "a", "bm90IGJhc2U2NA==", "AA", "YQBi"})
  void refusesWhatItDidNotEncode(String cursor) {
    assertThatThrownBy(() -> Cursor.decode(cursor))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
  }

  @Test
  void aNumericCursorMustHoldANumber() {
    assertThat(Cursor.decodeLong(Cursor.encode("42"))).isEqualTo(42L);
    assertThatThrownBy(() -> Cursor.decodeLong(Cursor.encode("job-1")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aPageFetchedWithOneExtraRowHasANextCursor() {
    var page = Page.of(java.util.List.of("a", "b", "c"), 2, s -> s);

    assertThat(page.items()).containsExactly("a", "b");
    assertThat(Cursor.decode(page.nextCursor())).isEqualTo("b");
    assertThat(Page.of(java.util.List.of("a", "b"), 2, s -> s).nextCursor()).isNull();
  }
}
