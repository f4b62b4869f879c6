package dev.punctual.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.AppInfoParser;

/** The machine and software a run measured, so figures can be compared with their context. */
public final class Environment {

  private Environment() {}

  public static Map<String, Object> describe() {
    var facts = new LinkedHashMap<String, Object>();
    facts.put("date", Instant.now().toString());
    facts.put("cpu", cpuModel());
    facts.put("cores", Runtime.getRuntime().availableProcessors());
    facts.put("memory", memory());
    facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    facts.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    facts.put("kafka", AppInfoParser.getVersion());
    facts.put("commit", gitCommit());
    return facts;
  }

  private static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name");
  }

  private static String memory() {
    return firstLine(Path.of("/proc/meminfo"), "MemTotal");
  }

  private static String firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String gitCommit() {
    try {
      var git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
      var out = new String(git.getInputStream().readAllBytes()).trim();
      return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
