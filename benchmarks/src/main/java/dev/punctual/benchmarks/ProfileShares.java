package dev.punctual.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code ./punctual bench shares FILE.jfr [THREAD-PREFIX]}: where the CPU samples of a JFR
 * recording go, by library. Of the threads whose name starts with the prefix (e.g. {@code http-nio}
 * for the API's request threads), each sample counts once, for the innermost frame on its stack
 * that is not the JDK's own (a {@code HashMap} lookup inside Jackson counts for Jackson); that
 * frame is named by one of the parts below or, failing that, by its package. Also the samples per
 * thread group. The JDK's {@code jfr view hot-methods} counts single methods, which in a web
 * request spread over hundreds of small ones; this says which layer they belong to.
 *
 * <p>Written here because the JDK ships no view by library and Mission Control is not a
 * command-line tool; it reads the recording with the JDK's own {@code jdk.jfr.consumer} API.
 */
final class ProfileShares {

  /** The parts of a stack, each by a fragment of its frames' class or method names. */
  private static final Map<String, String> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("Jackson (JSON)", "tools.jackson.");
    PARTS.put("PostgreSQL JDBC driver", "org.postgresql.");
    PARTS.put("HikariCP", "com.zaxxer.hikari.");
    PARTS.put("Spring JDBC", "org.springframework.jdbc.");
    PARTS.put("Spring transactions", "org.springframework.transaction.");
    PARTS.put("Spring Security filters", "org.springframework.security.");
    PARTS.put("Micrometer observation", "io.micrometer.observation.");
    PARTS.put("Micrometer tracing", "io.micrometer.tracing.");
    PARTS.put("OpenTelemetry SDK", "io.opentelemetry.");
    PARTS.put("Spring MVC", "org.springframework.web.");
    PARTS.put("Spring core, AOP and beans", "org.springframework.");
    PARTS.put("Tomcat", "org.apache.catalina.");
    PARTS.put("Tomcat connector", "org.apache.coyote.");
    PARTS.put("Tomcat utilities", "org.apache.tomcat.");
    PARTS.put("cron-utils", "com.cronutils.");
    PARTS.put("Logback", "ch.qos.logback.");
    PARTS.put("Kafka clients", "org.apache.kafka.clients.");
    PARTS.put("Kafka Streams", "org.apache.kafka.streams.");
    PARTS.put("RocksDB", "org.rocksdb.");
    PARTS.put("Punctual API", "dev.punctual.api.");
    PARTS.put("Punctual scheduler", "dev.punctual.scheduler.");
    PARTS.put("Punctual worker", "dev.punctual.worker.");
    PARTS.put("Punctual job model", "dev.punctual.model.");
  }

  private ProfileShares() {}

  static int run(List<String> args, PrintStream out) {
    if (args.isEmpty() || args.size() > 2) {
      out.println("usage: ./punctual bench shares FILE.jfr [THREAD-PREFIX]");
      return 2;
    }
    var prefix = args.size() == 2 ? args.get(1) : "";
    var parts = new TreeMap<String, Integer>();
    var threads = new TreeMap<String, Integer>();
    int samples = 0;
    try (var file = new RecordingFile(Path.of(args.getFirst()))) {
      while (file.hasMoreEvents()) {
        var event = file.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        var thread = threadName(event);
        threads.merge(thread.replaceAll("\\d+", "N"), 1, Integer::sum);
        if (!thread.startsWith(prefix) || event.getStackTrace() == null) {
          continue;
        }
        samples++;
        parts.merge(part(event), 1, Integer::sum);
      }
    } catch (IOException e) {
      out.println("could not read " + args.getFirst() + ": " + e.getMessage());
      return 1;
    }
    out.printf("CPU samples per thread group (digits as N):%n");
    threads.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(15)
        .forEach(t -> out.printf("%8d  %s%n", t.getValue(), t.getKey()));
    out.printf(
        "%nOf the %d samples of threads named '%s…', the share of each part (its innermost frame"
            + " that is not the JDK's):%n",
        samples, prefix);
    int total = samples;
    parts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(
            p ->
                out.printf(
                    "%7.1f %%  %s%n", total == 0 ? 0 : 100.0 * p.getValue() / total, p.getKey()));
    return 0;
  }

  /** The part of the innermost frame outside the JDK: a named part, else its package. */
  private static String part(RecordedEvent event) {
    for (var frame : event.getStackTrace().getFrames()) {
      var name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
      if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
        continue;
      }
      for (var part : PARTS.entrySet()) {
        if (name.contains(part.getValue())) {
          return part.getKey();
        }
      }
      var segments = name.split("\\.");
      return String.join(".", List.of(segments).subList(0, Math.min(3, segments.length - 1)));
    }
    return "the JDK only";
  }

  private static String threadName(RecordedEvent event) {
    var thread = event.getThread("sampledThread");
    if (thread == null) {
      return "?";
    }
    var name = thread.getJavaName();
    return name == null ? String.valueOf(thread.getOSName()) : name;
  }
}
