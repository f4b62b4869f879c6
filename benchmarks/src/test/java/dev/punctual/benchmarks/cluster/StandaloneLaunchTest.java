package dev.punctual.benchmarks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneLaunchTest {

  private static final String JDK = "25.0.3+9-LTS";
  private static final Instant BUILT = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir Path target;
  private Path jar;

  @BeforeEach
  void buildJar() throws IOException {
    jar = file(target.resolve("standalone-0.1.0-SNAPSHOT.jar"), BUILT);
  }

  @Test
  void withoutAnExtractedJarAndCacheTheJarRunsAsItIs() {
    var launch = StandaloneLaunch.of(jar, JDK);

    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmOptions()).containsExactly("--sun-misc-unsafe-memory-access=allow");
    assertThat(launch.aotCache()).isEmpty();
  }

  @Test
  void onAJdkBefore23TheJarRunsWithoutOptions() {
    var launch = StandaloneLaunch.of(jar, "21.0.5+11-LTS");

    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmOptions()).isEmpty();
  }

  @Test
  void theExtractedJarRunsWithTheOptionsThatTheScriptWroteForThisJdk() throws IOException {
    var extracted = file(target.resolve("aot/app/standalone-0.1.0-SNAPSHOT.jar"), BUILT);
    var cache = target.resolve("aot/standalone-" + JDK + ".aot").toAbsolutePath();
    options(JDK, BUILT.plusSeconds(90), "-XX:AOTCache=" + cache, "-XX:-AOTAdapterCaching", "");

    var launch = StandaloneLaunch.of(jar, JDK);

    assertThat(launch.jar()).isEqualTo(extracted);
    assertThat(launch.jvmOptions())
        .containsExactly(
            "--sun-misc-unsafe-memory-access=allow",
            "-XX:AOTCache=" + cache,
            "-XX:-AOTAdapterCaching");
    assertThat(launch.aotCache()).contains(cache);
  }

  @Test
  void aCacheOfAnotherJdkIsNotUsed() throws IOException {
    file(target.resolve("aot/app/standalone-0.1.0-SNAPSHOT.jar"), BUILT);
    options(JDK, BUILT.plusSeconds(90), "-XX:AOTCache=/x/standalone-" + JDK + ".aot");

    var launch = StandaloneLaunch.of(jar, "26+35");

    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmOptions()).containsExactly("--sun-misc-unsafe-memory-access=allow");
  }

  @Test
  void aCacheOrExtractedJarOlderThanTheJarIsNotUsed() throws IOException {
    var extracted = file(target.resolve("aot/app/standalone-0.1.0-SNAPSHOT.jar"), BUILT);
    var written = options(JDK, BUILT.plusSeconds(90), "-XX:AOTCache=/x/standalone.aot");

    Files.setLastModifiedTime(jar, FileTime.from(BUILT.plusSeconds(60)));
    assertThat(StandaloneLaunch.of(jar, JDK).jar())
        .as("jar rebuilt after extraction")
        .isEqualTo(jar);

    Files.setLastModifiedTime(extracted, FileTime.from(BUILT.plusSeconds(120)));
    Files.setLastModifiedTime(jar, FileTime.from(BUILT.plusSeconds(120)));
    assertThat(StandaloneLaunch.of(jar, JDK).aotCache())
        .as("jar rebuilt and extracted after training")
        .isEmpty();
    Files.setLastModifiedTime(written, FileTime.from(BUILT.plusSeconds(150)));
    assertThat(StandaloneLaunch.of(jar, JDK).aotCache())
        .as("then trained again")
        .contains(Path.of("/x/standalone.aot"));
  }

  private Path options(String jdk, Instant modified, String... lines) throws IOException {
    var path = file(target.resolve("aot/standalone-" + jdk + ".options"), modified);
    Files.write(path, java.util.List.of(lines));
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return path;
  }

  private static Path file(Path path, Instant modified) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, path.getFileName().toString());
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return path;
  }
}
