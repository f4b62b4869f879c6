package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./punctual run} does on a JDK 25+ before it starts the standalone, on the built jar:
 * extract it, run its {@code train} command under {@code -XX:AOTCacheOutput}, and start from the
 * cache with the options the script writes. The training here lasts 2 s instead of 30.
 */
@EnabledForJreRange(min = JRE.JAVA_25)
class AotTrainingIT {

  private static final Pattern TRAINED = Pattern.compile("Training done: ([0-9,]+) HTTP calls");

  @TempDir Path dir;

  @Test
  void theTrainingWritesACacheThatTheJvmStartsFromWithoutWarnings() throws Exception {
    // given the jar extracted as the script extracts it
    var app = dir.resolve("app").resolve(jar().getFileName());
    assertThat(
            run(
                    "extract",
                    "-Djarmode=tools",
                    "-jar",
                    jar().toString(),
                    "extract",
                    "--destination",
                    dir.resolve("app").toString())
                .exit)
        .isZero();

    // when the training runs under -XX:AOTCacheOutput
    var cache = dir.resolve("standalone.aot");
    var training =
        run("train", "-XX:AOTCacheOutput=" + cache, "-jar", app.toString(), "train", "2");

    // then its jobs fired to its HTTP target, and the JVM wrote the cache as it exited
    assertThat(training.exit).as(training.output).isZero();
    var trained = TRAINED.matcher(training.output);
    assertThat(trained.find()).as(training.output).isTrue();
    assertThat(Long.parseLong(trained.group(1).replace(",", ""))).isPositive();
    assertThat(cache).isRegularFile();
    assertThat(Files.size(cache)).isGreaterThan(10L << 20);

    // and a JVM that must use it (AOTMode=on stops otherwise) starts from it with the script's
    // options (punctual, standalone_launch), saying nothing about it on the console
    var started =
        run(
            "start",
            "-XX:AOTMode=on",
            "-XX:AOTCache=" + cache,
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-AOTAdapterCaching",
            "-jar",
            app.toString(),
            "backup");
    assertThat(started.output)
        .startsWith("usage: backup FILE | restore FILE")
        .doesNotContain("[aot");
    var logged =
        run(
            "start-logged",
            "-XX:AOTMode=on",
            "-XX:AOTCache=" + cache,
            "-Xlog:aot=info",
            "-jar",
            app.toString(),
            "backup");
    assertThat(logged.output).contains("Using AOT-linked classes: true");
  }

  private record Result(int exit, String output) {}

  private Result run(String name, String... arguments) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(arguments));
    var log = dir.resolve(name + ".log");
    var process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not end within 5 minutes: " + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static Path jar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("standalone-[0-9][^/]*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no standalone jar in target/: package first"))
          .toAbsolutePath();
    }
  }
}
