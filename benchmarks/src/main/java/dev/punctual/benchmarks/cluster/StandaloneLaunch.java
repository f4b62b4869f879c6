package dev.punctual.benchmarks.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How {@code ./punctual run} starts the standalone, so that the benchmark starts it the same way:
 * the jar itself, or with {@code PUNCTUAL_AOT=on} on a JDK 25+ the extracted jar with an AOT cache.
 * For that the script extracts the jar into {@code standalone/target/aot/app}, trains a cache for
 * the running JDK and writes the JVM options that use it, one per line, to {@code
 * standalone/target/aot/standalone-<java.runtime.version>.options}; then it runs the extracted jar
 * with them. Where there are no such options, current for the jar and this JDK, it runs the jar
 * itself. On a JDK 23+ either way it also allows {@code sun.misc.Unsafe}'s memory access, which the
 * broker's index unmapping uses, as the script does (JEP 471), so that the console and the log are
 * the user's.
 *
 * @param jar the jar to run
 * @param jvmOptions the JVM options it runs with
 * @param aotCache the AOT cache among them, if any
 */
public record StandaloneLaunch(Path jar, List<String> jvmOptions, Optional<Path> aotCache) {

  private static final String AOT_CACHE = "-XX:AOTCache=";
  private static final String UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";

  public StandaloneLaunch {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * The launch for the standalone jar built in this source tree, with the running JDK; the jar
   * alone unless the environment has {@code PUNCTUAL_AOT=on}, as for the script.
   */
  public static StandaloneLaunch current() {
    var runtimeVersion = System.getProperty("java.runtime.version");
    if (!"on".equals(System.getenv("PUNCTUAL_AOT"))) {
      return new StandaloneLaunch(Jars.standalone(), alwaysFor(runtimeVersion), Optional.empty());
    }
    return of(Jars.standalone(), runtimeVersion);
  }

  /**
   * The launch for {@code jar}: its extracted copy with the options of JDK {@code runtimeVersion}
   * when both exist and are not older than {@code jar}, else {@code jar} alone.
   */
  static StandaloneLaunch of(Path jar, String runtimeVersion) {
    var aot = jar.resolveSibling("aot");
    var extracted = aot.resolve("app").resolve(jar.getFileName());
    var options = aot.resolve("standalone-" + runtimeVersion + ".options");
    var always = alwaysFor(runtimeVersion);
    if (!notOlder(extracted, jar) || !notOlder(options, jar)) {
      return new StandaloneLaunch(jar, always, Optional.empty());
    }
    try {
      var lines = Files.readAllLines(options).stream().filter(line -> !line.isBlank()).toList();
      var cache =
          lines.stream()
              .filter(line -> line.startsWith(AOT_CACHE))
              .map(line -> Path.of(line.substring(AOT_CACHE.length())))
              .findFirst();
      return new StandaloneLaunch(
          extracted, Stream.concat(always.stream(), lines.stream()).toList(), cache);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The options the script passes with or without the cache: on a JDK 23+, Unsafe's access. */
  static List<String> alwaysFor(String runtimeVersion) {
    return Runtime.Version.parse(runtimeVersion).feature() >= 23
        ? List.of(UNSAFE_MEMORY_ACCESS)
        : List.of();
  }

  private static boolean notOlder(Path file, Path than) {
    try {
      return Files.isRegularFile(file)
          && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) >= 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
