package dev.punctual.api.missed;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.projection.BatchProjection;
import dev.punctual.model.event.MissedOccurrences;
import dev.punctual.model.log.LogContext;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.stereotype.Component;

/**
 * The missed topic: one row per misfire episode or skipped overlap. A record that cannot be read
 * (not JSON, an empty value, a key that is not its job) is logged with the reason, counted and
 * skipped, like those of the other projections.
 */
@Component
class ProjectMissed implements BatchProjection<MissedOccurrences> {

  private final MissedWrites writes;
  private final String topic;
  private final Deserializer<MissedOccurrences> deserializer;

  ProjectMissed(MissedWrites writes, ApiProperties properties) {
    this.writes = writes;
    var missed = properties.topics().missed();
    this.topic = missed.name();
    this.deserializer = missed.valueSerde().deserializer();
  }

  @Override
  public String name() {
    return "missed";
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public MissedOccurrences read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new IllegalArgumentException("the value is empty (null)");
    }
    var missed = deserializer.deserialize(topic, record.value());
    if (missed == null) {
      throw new IllegalArgumentException("the value is the JSON literal null");
    }
    if (record.key() != null && !record.key().equals(missed.jobId())) {
      throw new IllegalArgumentException(
          "the key '" + record.key() + "' is not the record's job id '" + missed.jobId() + "'");
    }
    return missed;
  }

  @Override
  public void apply(MissedOccurrences missed, ConsumerRecord<String, byte[]> record) {
    writes.insert(List.of(missed));
  }

  @Override
  public void applyAll(List<MissedOccurrences> missed) {
    writes.insert(missed);
  }

  @Override
  public LogContext logContext(MissedOccurrences missed) {
    return LogContext.job(missed.jobId());
  }
}
