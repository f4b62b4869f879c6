package dev.punctual.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowTest {

  @Test
  void theFirstWindowStartsAtTheFirstOccurrenceAndTheNextFollowsWithoutAGap() {
    var windows = Window.firstAndNext(100_000, Duration.ofSeconds(60), Duration.ofSeconds(30));

    assertThat(windows)
        .containsExactly(
            new Window("first 60 s", 100_000, 160_000), new Window("next 30 s", 160_000, 190_000));
  }

  @Test
  void aLabelPrefixesFiguresAndAnUnnamedWindowLeavesThemAsTheyAre() {
    assertThat(Window.first(0, Duration.ofMillis(10_500)).prefix()).isEqualTo("first 10.5 s: ");
    assertThat(new Window("", 0, 1).prefix()).isEmpty();
  }

  @Test
  void aWindowCannotEndBeforeItStarts() {
    assertThatThrownBy(() -> new Window("x", 2, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
