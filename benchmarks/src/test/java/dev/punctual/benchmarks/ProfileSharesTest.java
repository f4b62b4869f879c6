package dev.punctual.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./punctual bench shares} on a real JFR recording of this JVM. */
class ProfileSharesTest {

  @TempDir Path directory;

  @Test
  void attributesTheSamplesOfTheChosenThreadsToTheInnermostFrameOutsideTheJdk() throws Exception {
    var file = directory.resolve("busy.jfr");
    try (var recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      var busy = Thread.ofPlatform().name("shares-busy-1").start(ProfileSharesTest::spin);
      busy.join();
      recording.stop();
      recording.dump(file);
    }

    var output = new ByteArrayOutputStream();
    var code =
        ProfileShares.run(
            List.of(file.toString(), "shares-busy"),
            new PrintStream(output, true, StandardCharsets.UTF_8));

    var text = output.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isZero();
    assertThat(text).contains("shares-busy-N", "threads named 'shares-busy…'");
    // the loop's frames are this package's: named by their package, not by a library's part
    assertThat(text).containsPattern("\\d+\\.\\d %  dev\\.punctual\\.benchmarks");
  }

  @Test
  void saysHowToCallIt() {
    var output = new ByteArrayOutputStream();
    var code = ProfileShares.run(List.of(), new PrintStream(output, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("usage");
  }

  /** Work that stays on this class's frames for half a second of CPU. */
  private static void spin() {
    long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
    long sum = 0;
    while (System.nanoTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        sum += Long.numberOfTrailingZeros(sum + i) ^ i;
      }
    }
    if (sum == 42) {
      System.out.println(sum); // keeps the loop from being optimised away
    }
  }
}
