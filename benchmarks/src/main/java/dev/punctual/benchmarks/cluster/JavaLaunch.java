package dev.punctual.benchmarks.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a runnable jar: {@code java <jvmOptions> -jar <jar> <args>}, with the JVM running
 * the benchmark. Its output (standard output and error) is appended to {@code <logDir>/<name>.log},
 * never shown on the benchmark's console. With {@code jfr} the process runs a JFR recording ({@code
 * settings=profile}) that it writes to {@code <logDir>/<name>.jfr} when it exits normally, as
 * {@link ServiceProcess#close} makes it (SIGTERM); a process killed with SIGKILL leaves none.
 *
 * @param name the process's name in logs and file names
 * @param jar the runnable jar
 * @param jvmOptions options before {@code -jar}
 * @param args the application's arguments
 * @param logDir where its log (and recording) go
 * @param jfr whether to record a JFR profile
 */
public record JavaLaunch(
    String name, Path jar, List<String> jvmOptions, List<String> args, Path logDir, boolean jfr) {

  public JavaLaunch {
    jvmOptions = List.copyOf(jvmOptions);
    args = List.copyOf(args);
  }

  /** The file the process's output goes to. */
  public Path log() {
    return logDir.resolve(name + ".log");
  }

  /** The JVM's command line (the recording's file is chosen here: see {@link #recording}). */
  List<String> command() {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    if (jfr) {
      // Spring's and Kafka Streams' stacks are deeper than JFR's default of 64 frames
      command.add("-XX:FlightRecorderOptions:stackdepth=512");
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording());
    }
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  /**
   * {@code <name>.jfr}, or {@code <name>-2.jfr} … when an earlier process of that name wrote one.
   */
  Path recording() {
    var path = logDir.resolve(name + ".jfr");
    for (int n = 2; Files.exists(path); n++) {
      path = logDir.resolve(name + "-" + n + ".jfr");
    }
    return path;
  }

  Process start() {
    try {
      Files.createDirectories(logDir);
      return new ProcessBuilder(command())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }
}
