package dev.punctual.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CursorPagesTest {

  /** A list served as pages: the page at cursor "c<i>" is pages.get(i); records each fetch. */
  private static final class StubbedPages implements CursorPages.PageSource<Integer> {

    private final List<List<Integer>> pages;
    private final List<@Nullable String> asked = new ArrayList<>();

    StubbedPages(List<List<Integer>> pages) {
      this.pages = pages;
    }

    @Override
    public CursorPage<Integer> fetch(@Nullable String cursor) {
      asked.add(cursor);
      int index = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
      var next = index + 1 < pages.size() ? "c" + (index + 1) : null;
      return new CursorPage<>(pages.get(index), next);
    }
  }

  @Test
  void followsEveryCursorUntilTheLastPageInOrder() {
    var source = new StubbedPages(List.of(List.of(1, 2), List.of(3), List.of(4, 5, 6)));

    assertThat(CursorPages.stream(source).toList()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(source.asked).containsExactly(null, "c1", "c2");
  }

  @Test
  void fetchesAPageOnlyWhenTheEntriesBeforeItAreUsedUp() {
    var source = new StubbedPages(List.of(List.of(1, 2), List.of(3, 4), List.of(5)));

    var iterator = CursorPages.iterator(source);
    assertThat(source.asked).isEmpty();
    assertThat(iterator.next()).isEqualTo(1);
    assertThat(iterator.next()).isEqualTo(2);
    assertThat(source.asked).containsExactly((String) null);
    assertThat(iterator.next()).isEqualTo(3);
    assertThat(source.asked).containsExactly(null, "c1");

    var firstThree = CursorPages.stream(new StubbedPages(source.pages)).limit(3).toList();
    assertThat(firstThree).containsExactly(1, 2, 3);
  }

  @Test
  void anEmptyPageWithACursorIsFollowedNotTakenAsTheEnd() {
    var source = new StubbedPages(List.of(List.of(), List.of(), List.of(7), List.of()));

    assertThat(CursorPages.stream(source).toList()).containsExactly(7);
    assertThat(source.asked).containsExactly(null, "c1", "c2", "c3");
  }

  @Test
  void anEmptyListHasNoEntries() {
    var iterator = CursorPages.iterator(new StubbedPages(List.of(List.of())));

    assertThat(iterator.hasNext()).isFalse();
    assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aCursorAnsweredWithItselfIsABugNotAnEndlessLoop() {
    CursorPages.PageSource<Integer> looping = cursor -> new CursorPage<>(List.of(1), "same");
    var iterator = CursorPages.iterator(looping);

    assertThat(iterator.next()).isEqualTo(1);
    assertThatThrownBy(iterator::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("indicates a bug");
  }

  @Test
  void randomPagingsYieldEveryEntryOnceInOrder() {
    var random = new Random(15L);
    for (int run = 0; run < 500; run++) {
      var pages = new ArrayList<List<Integer>>();
      var expected = new ArrayList<Integer>();
      int next = 0;
      for (int p = random.nextInt(8) + 1; p > 0; p--) {
        var page = new ArrayList<Integer>();
        for (int n = random.nextInt(4); n > 0; n--) {
          page.add(next);
          expected.add(next++);
        }
        pages.add(page);
      }
      var source = new StubbedPages(pages);

      assertThat(CursorPages.stream(source).toList()).as("pages %s", pages).isEqualTo(expected);
      Map<String, Integer> fetches = new HashMap<>();
      source.asked.forEach(c -> fetches.merge(String.valueOf(c), 1, Integer::sum));
      assertThat(fetches.values()).as("each page fetched once").allMatch(n -> n == 1);
      assertThat(source.asked).hasSize(pages.size());
    }
  }
}
