package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void helpPrintsTheUsageWithEveryScenario() {
    for (var help : new String[] {"--help", "-h", "help"}) {
      printed.reset();

      assertThat(BenchmarkMain.answerWithoutRunning(new String[] {help}, out)).isZero();

      assertThat(text())
          .startsWith("Usage: ./punctual bench")
          .contains(BenchmarkOptions.ALL_SCENARIOS)
          .contains("chaos", "docs/benchmarks.md");
    }
  }

  @Test
  void badArgumentsAreAnsweredWithTheReasonAndNoStackTrace() {
    assertThat(BenchmarkMain.answerWithoutRunning(new String[] {"burst"}, out)).isEqualTo(2);
    assertThat(BenchmarkMain.answerWithoutRunning(new String[] {"--scenarios=nope"}, out))
        .isEqualTo(2);
    assertThat(BenchmarkMain.answerWithoutRunning(new String[] {"--colour=red"}, out)).isEqualTo(2);

    assertThat(text())
        .contains("punctual bench: 'burst' is not of the form --key=value")
        .contains("unknown scenario 'nope'")
        .contains("unknown options: --colour")
        .contains("./punctual bench --help")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void validArgumentsRun() {
    assertThat(BenchmarkMain.answerWithoutRunning(new String[] {"--scenarios=light"}, out))
        .isEqualTo(-1);
    assertThat(BenchmarkMain.answerWithoutRunning(new String[0], out)).isEqualTo(-1);
    assertThat(text()).isEmpty();
  }

  private String text() {
    return printed.toString(StandardCharsets.UTF_8);
  }
}
