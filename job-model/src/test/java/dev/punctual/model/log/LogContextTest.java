package dev.punctual.model.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

  @Test
  void setsTheFieldsWhileOpenAndRemovesOnlyItsOwn() {
    try (var job = LogContext.job("nightly")) {
      try (var fire = LogContext.fire("nightly@1")) {
        assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("nightly");
        assertThat(MDC.get(LogContext.FIRE_ID)).isEqualTo("nightly@1");
      }
      assertThat(MDC.get(LogContext.FIRE_ID)).isNull();
      assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("nightly");
    }
    assertThat(MDC.get(LogContext.JOB_ID)).isNull();

    try (var both = LogContext.fire("a", "a@2")) {
      assertThat(MDC.getCopyOfContextMap())
          .containsEntry("jobId", "a")
          .containsEntry("fireId", "a@2");
    }
    assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("jobId", "fireId");
  }
}
