package dev.punctual.benchmarks.measure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a status line every two seconds while a scenario runs. */
public final class Progress implements AutoCloseable {

  private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor();
  private final long start = System.nanoTime();

  public Progress(String scenario, Supplier<String> status) {
    printer.scheduleAtFixedRate(
        () ->
            System.out.printf(
                "  [%s %5.1fs] %s%n", scenario, (System.nanoTime() - start) / 1e9, status.get()),
        2,
        2,
        TimeUnit.SECONDS);
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    printer.shutdownNow();
  }
}
