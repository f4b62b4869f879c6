package dev.punctual.benchmarks.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** Finds the runnable jars of the services in the source tree the benchmark runs from. */
public final class Jars {

  private Jars() {}

  public static Path scheduler() {
    return find("scheduler-streams", name -> name.endsWith("-exec.jar"));
  }

  public static Path api() {
    return find("api-service", name -> name.endsWith("-exec.jar"));
  }

  public static Path worker() {
    return find("executor-worker", name -> name.endsWith("-exec.jar"));
  }

  /** The jar {@code ./punctual run} starts: the module's main artifact, repackaged. */
  public static Path standalone() {
    return find("standalone", Jars::isStandaloneJar);
  }

  static boolean isStandaloneJar(String name) {
    return name.matches("standalone-[0-9][^/]*\\.jar")
        && !name.endsWith("-plain.jar")
        && !name.endsWith("-sources.jar")
        && !name.endsWith("-tests.jar");
  }

  private static Path find(String module, Predicate<String> isRunnable) {
    var home = Path.of(System.getProperty("punctual.home", ".")).toAbsolutePath().normalize();
    for (var base : new Path[] {home, home.getParent()}) {
      if (base == null) {
        continue;
      }
      var target = base.resolve(module).resolve("target");
      if (Files.isDirectory(target)) {
        try (var files = Files.list(target)) {
          var jar = files.filter(p -> isRunnable.test(p.getFileName().toString())).findFirst();
          if (jar.isPresent()) {
            return jar.get();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(
        "no runnable jar of "
            + module
            + " under "
            + home
            + "; build it first (./punctual bench does) or set -Dpunctual.home");
  }
}
