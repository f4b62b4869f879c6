package dev.punctual.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.event.ExecutionStatus;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.job.HttpTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many fires due at once run concurrently, up to the limit and never beyond it. */
class ConcurrencyIT {

  private static final int FIRES = 500;
  private static final int LIMIT = 300;

  private final TestEndpoint endpoint =
      TestEndpoint.start().answeringAfter("/work", Duration.ofSeconds(1), 200, "done");

  @AfterEach
  void stopEndpoint() {
    endpoint.close();
  }

  @Test
  void fiveHundredFiresDueAtOnceRunConcurrentlyUpToTheLimit() {
    var topics = TestKafka.topics("conc.", 10);
    var fires = new ArrayList<JobFired>();
    for (int i = 0; i < FIRES; i++) {
      fires.add(Fires.aFire("job-" + i, HttpTarget.post(endpoint.url("/work"))));
    }
    TestKafka.produce(topics, fires);

    try (var worker =
        Workers.start(
            topics,
            "conc-worker",
            "--punctual.worker.max-concurrent-executions=" + LIMIT,
            "--spring.kafka.consumer.max-poll-records=" + FIRES)) {
      var results = TestKafka.readResults(topics, FIRES);

      assertThat(results).hasSize(FIRES);
      assertThat(results)
          .filteredOn(result -> result.status() != ExecutionStatus.SUCCEEDED)
          .extracting(ExecutionFinished::error)
          .isEmpty();
      assertThat(results.stream().map(ExecutionFinished::fireId).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(fires.stream().map(JobFired::fireId).toList());
      // Counted at the endpoint: requests being answered at the same moment.
      assertThat(endpoint.maxInProgress()).isBetween(200, LIMIT);
      assertThat(endpoint.calls()).isEqualTo(FIRES);
    }
  }
}
