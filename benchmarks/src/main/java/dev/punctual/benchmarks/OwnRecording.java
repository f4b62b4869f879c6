package dev.punctual.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * With {@code --jfr}, a JFR profile of the benchmark's own JVM while one scenario runs, written to
 * {@code <logs>/<scenario>/benchmark.jfr}. In the split profile this JVM hosts the API and the
 * broker beside the load generators, so this is where the API's profile is. Stack depth follows
 * {@code -XX:FlightRecorderOptions:stackdepth} ({@code ./punctual bench} sets 512: Spring's request
 * stacks are deeper than JFR's default 64, and truncated stacks hide who called).
 */
final class OwnRecording implements AutoCloseable {

  private final Recording recording;
  private final Path file;

  private OwnRecording(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  static OwnRecording start(BenchmarkOptions options, String scenario) {
    var directory = options.logsOf(scenario);
    try {
      Files.createDirectories(directory);
      var recording = new Recording(Configuration.getConfiguration("profile"));
      recording.setName("benchmark-" + scenario);
      recording.start();
      return new OwnRecording(recording, directory.resolve("benchmark.jfr"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException("the JDK's JFR 'profile' settings did not parse", e);
    }
  }

  @Override
  public void close() {
    try (recording) {
      recording.stop();
      recording.dump(file);
      System.out.println("JFR profile of the benchmark's JVM: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
