package dev.punctual.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.junit.jupiter.api.Test;

class RejectedRecordsTest {

  private static final TopicPartition P0 = new TopicPartition("scheduler.fires", 0);

  @Test
  void onlyFailuresOfTheRecordItselfAreRemembered() {
    assertThat(RejectedRecords.reason("orders", new RecordTooLargeException("too large")))
        .isEqualTo(
            "Kafka refused the record for topic orders: it is larger than the topic accepts"
                + " (max.message.bytes)");
    assertThat(RejectedRecords.reason("orders", new InvalidRecordException("no key")))
        .isEqualTo("Kafka refused the record for topic orders: no key");
    assertThat(RejectedRecords.reason("orders", new TopicAuthorizationException("denied")))
        .isEqualTo("Kafka refused the record for topic orders: the worker may not write to it");

    assertThat(RejectedRecords.reason("orders", new TimeoutException("slow"))).isNull();
    assertThat(RejectedRecords.reason("orders", new NotEnoughReplicasException("later"))).isNull();
    assertThat(RejectedRecords.reason("orders", new TransactionAbortedException("aborted")))
        .isNull();
    assertThat(RejectedRecords.reason("orders", new KafkaException("part of a bad batch")))
        .isNull();
  }

  @Test
  void aRememberedFireIsTakenOnceAndTheMemoryIsBounded() {
    var rejected = new RejectedRecords();
    rejected.remember(P0, 7, "refused");

    assertThat(rejected.take(P0, 8)).isNull();
    assertThat(rejected.take(P0, 7)).isEqualTo("refused");
    assertThat(rejected.take(P0, 7)).isNull();

    for (long offset = 0; offset <= RejectedRecords.CAPACITY; offset++) {
      rejected.remember(P0, offset, "refused " + offset);
    }
    assertThat(rejected.take(P0, 0)).isNull();
    assertThat(rejected.take(P0, RejectedRecords.CAPACITY)).isEqualTo("refused 10000");
  }
}
