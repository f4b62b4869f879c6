package dev.punctual.scheduler.topology;

import static dev.punctual.scheduler.topology.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.log.LogContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.node.JsonNodeFactory;

/** Every log line about a job or a fire carries its id in the MDC, and nothing is left behind. */
class LogContextTest {

  private static final Instant T0 = Instant.parse("2027-03-13T07:30:00Z");

  @TempDir Path stateDir;
  private SchedulerDriver scheduler;
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.punctual.scheduler");

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
    logger.setLevel(Level.DEBUG);
    scheduler = new SchedulerDriver(T0, stateDir);
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
    logger.setLevel(null);
    try {
      scheduler.assertInvariants();
    } finally {
      scheduler.close();
    }
  }

  @Test
  void logLinesAboutAFireCarryTheJobAndFireIds() {
    scheduler.define(
        aJob("job")
            .every(Duration.ofHours(1))
            .createdAt(T0)
            .retry(1, Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1))
            .build());
    scheduler.advance(Duration.ofMillis(50));
    var fire = scheduler.fires().getFirst();
    scheduler.result(
        ExecutionFinished.failed(
            fire, "w1", T0, T0.plusMillis(5), JsonNodeFactory.instance.objectNode(), "HTTP 500"));

    assertThat(event("Fired " + fire.fireId()))
        .satisfies(
            e -> {
              assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.JOB_ID, "job");
              assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.FIRE_ID, fire.fireId());
            });
    assertThat(event("Sent a record to the dead-letter topic"))
        .satisfies(
            e -> {
              assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.JOB_ID, "job");
              assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.FIRE_ID, fire.fireId());
            });
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void logLinesAboutAJobCarryItsId() {
    scheduler.define(aJob("late").every(Duration.ofMinutes(1)).createdAt(T0).build());
    scheduler.advance(Duration.ofHours(1), Duration.ofHours(1));
    scheduler.defineRaw("broken", "{");

    assertThat(event("Job late missed"))
        .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.JOB_ID, "late"));
    assertThat(event("Sent a record to the dead-letter topic"))
        .satisfies(
            e -> assertThat(e.getMDCPropertyMap()).containsEntry(LogContext.JOB_ID, "broken"));
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aMassCatchUpLogsOneJobInFullAtInfoAndSumsUpTheOthers() {
    for (int i = 0; i < 5; i++) {
      scheduler.define(aJob("behind-" + i).every(Duration.ofMinutes(1)).createdAt(T0).build());
    }
    // the scheduler is stopped for an hour: all five catch up in one punctuation
    scheduler.advance(Duration.ofHours(1), Duration.ofHours(1));
    // the summary follows once the window is over
    scheduler.advance(Duration.ofSeconds(11), Duration.ofSeconds(11));

    var infoCatchUps =
        events.list.stream()
            .filter(e -> e.getLevel() == Level.INFO)
            .map(ILoggingEvent::getFormattedMessage)
            .filter(m -> m.contains("missed") && m.contains("catch-up"))
            .toList();
    assertThat(infoCatchUps).hasSize(2);
    assertThat(infoCatchUps.getFirst()).startsWith("Job behind-");
    assertThat(infoCatchUps.getLast())
        .startsWith("4 more jobs caught up missed occurrences in the 10 s after")
        .contains("(each job at DEBUG)");
    assertThat(
            events.list.stream()
                .filter(e -> e.getLevel() == Level.DEBUG)
                .filter(e -> e.getFormattedMessage().startsWith("Job behind-")))
        .hasSize(4);
  }

  private ILoggingEvent event(String prefix) {
    return events.list.stream()
        .filter(e -> e.getFormattedMessage().startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no log line starting with '" + prefix + "'"));
  }
}
