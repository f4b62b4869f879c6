package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.model.log.LogContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The actions on one job without servers: parameters, status codes, logging context. */
@WebMvcTest(JobActionsController.class)
@Import({JobQueries.class, JobControllerTest.FixedClock.class})
class JobActionsControllerTest {

  @Autowired MockMvcTester mvc;
  @MockitoBean JobActions jobs;
  @MockitoBean JobRepository repository;

  @Test
  void aTriggerIsAcceptedWithItsRequestId() {
    when(jobs.trigger(eq("j"), any(), any())).thenAnswer(call -> call.getArgument(1));

    var result = mvc.post().uri("/jobs/j/trigger").exchange();

    assertThat(result).hasStatus(202).hasContentType(MediaType.APPLICATION_JSON);
    assertThat(result).bodyJson().extractingPath("$.requestId").asString().hasSize(36);
  }

  @Test
  void theCountOfNextRunsIsBounded() {
    for (var count : new String[] {"0", "101", "-1"}) {
      var result = mvc.get().uri("/jobs/j/next-runs?count=" + count).exchange();

      assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("count");
    }
    verifyNoInteractions(repository);
  }

  @Test
  void nextRunsOfAnUnknownJobAreNotFound() {
    when(repository.find("nope")).thenReturn(Optional.empty());

    assertThat(mvc.get().uri("/jobs/nope/next-runs").exchange()).hasStatus(404);
  }

  @Test
  void everyLogLineAboutAJobRequestCarriesTheJobIdInTheMdc() {
    when(jobs.setPaused(eq("job-7"), eq(true), any())).thenThrow(new IllegalStateException("boom"));
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    var logger = (Logger) LoggerFactory.getLogger("dev.punctual.api.system.ProblemAdvice");
    logger.addAppender(appender);
    try {
      var result = mvc.post().uri("/jobs/job-7/pause").exchange();

      assertThat(result).hasStatus(500);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list.getFirst().getMDCPropertyMap())
        .containsEntry(LogContext.JOB_ID, "job-7");
    assertThat(org.slf4j.MDC.get(LogContext.JOB_ID)).as("cleared after the request").isNull();
  }

  @Test
  void pausingAnUnknownJobIsNotFound() {
    when(jobs.setPaused(eq("nope"), eq(true), any())).thenThrow(NotFoundException.job("nope"));

    var result = mvc.post().uri("/jobs/nope/pause").exchange();

    assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
