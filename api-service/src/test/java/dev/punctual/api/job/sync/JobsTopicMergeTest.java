package dev.punctual.api.job.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.api.job.JobRow;
import dev.punctual.api.testing.Jobs;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.topic.ReservedTopics;
import dev.punctual.model.topic.Topics;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The version rules of records other producers write to the jobs topic. */
class JobsTopicMergeTest {

  private static final Instant CREATED = Instant.parse("2027-03-01T00:00:00Z");
  private static final Instant PRODUCED = Instant.parse("2027-03-13T07:00:00Z");
  private static final JobRow STORED_V3 =
      new JobRow(definition("stored").withVersion(3, CREATED, CREATED), null, null, 0);

  @Test
  void aNewJobStartsAtItsOwnVersionOrOneAndWasCreatedWhenProduced() {
    var versionless = JobsTopicMerge.newerThan(null, definition("new"), PRODUCED);
    assertThat(versionless.version()).isEqualTo(1L);
    assertThat(versionless.createdAt()).isEqualTo(PRODUCED);
    assertThat(versionless.updatedAt()).isEqualTo(PRODUCED);

    var versioned =
        JobsTopicMerge.newerThan(
            null, definition("new").withVersion(5, CREATED, CREATED), PRODUCED);
    assertThat(versioned.version()).isEqualTo(5L);
    assertThat(versioned.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void aVersionlessRecordIsTheNextVersionUnlessItChangesNothing() {
    var next = JobsTopicMerge.newerThan(STORED_V3, definition("changed"), PRODUCED);

    assertThat(next.version()).isEqualTo(4L);
    assertThat(next.name()).isEqualTo("changed");
    assertThat(next.createdAt()).as("a job keeps its creation time").isEqualTo(CREATED);
    assertThat(next.updatedAt()).isEqualTo(PRODUCED);
    assertThat(JobsTopicMerge.newerThan(STORED_V3, definition("stored"), PRODUCED)).isNull();
    assertThat(JobsTopicMerge.isCurrent(STORED_V3, definition("stored"))).isTrue();
  }

  @Test
  void aVersionedRecordAppliesOnlyAboveTheStoredVersion() {
    assertThat(JobsTopicMerge.newerThan(STORED_V3, versioned("older", 2), PRODUCED)).isNull();
    assertThat(JobsTopicMerge.newerThan(STORED_V3, versioned("same", 3), PRODUCED)).isNull();
    assertThat(JobsTopicMerge.isCurrent(STORED_V3, versioned("same", 3))).isFalse();
    assertThat(JobsTopicMerge.isCurrent(STORED_V3, versioned("stored", 3))).isTrue();
    assertThat(JobsTopicMerge.newerThan(STORED_V3, versioned("newer", 9), PRODUCED).version())
        .isEqualTo(9L);
  }

  @Test
  void anUpdateIsNeverDatedBeforeTheLastOne() {
    var early = CREATED.minusSeconds(60);

    assertThat(JobsTopicMerge.newerThan(STORED_V3, definition("changed"), early).updatedAt())
        .isEqualTo(CREATED);
  }

  @Test
  void aRecordIsReadLikeTheSchedulerReadsIt() {
    var withoutId = Jobs.withoutId("n", "\"every\": \"PT1M\"").getBytes(StandardCharsets.UTF_8);
    assertThat(JobsTopicMerge.read("the-key", withoutId, RESERVED).id()).isEqualTo("the-key");

    var otherId = Jobs.definition("other", "\"every\": \"PT1M\"").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JobsTopicMerge.read("the-key", otherId, RESERVED))
        .hasMessageContaining("differs from the record key");
    var nul = Jobs.named("k", "a\\u0000b", "\"every\": \"PT1M\"").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JobsTopicMerge.read("k", nul, RESERVED))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("name");
  }

  @Test
  void aKafkaTargetOnAReservedTopicIsNotUsedLikeTheSchedulerDeadLettersIt() {
    var fires = Jobs.kafka("k", "scheduler.fires").getBytes(StandardCharsets.UTF_8);
    var allowed = Jobs.kafka("k", "orders").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JobsTopicMerge.read("k", fires, RESERVED))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("target.topic")
        .hasMessageContaining("scheduler.fires");
    assertThat(JobsTopicMerge.read("k", allowed, RESERVED).id()).isEqualTo("k");
  }

  private static final ReservedTopics RESERVED = Topics.DEFAULT.reserved();

  private static JobDefinition definition(String name) {
    return JobDefinitionCodec.parse(
        Jobs.named("j", name, "\"every\": \"PT1M\"").getBytes(StandardCharsets.UTF_8), null);
  }

  private static JobDefinition versioned(String name, long version) {
    return definition(name).withVersion(version, CREATED, CREATED);
  }
}
