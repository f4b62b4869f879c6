package dev.punctual.api.execution;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.live.LiveEvent;
import dev.punctual.api.live.LiveEvents;
import dev.punctual.api.projection.BatchProjection;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.log.LogContext;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.stereotype.Component;

/** The results topic: every finished attempt completes its row and may be the job's last run. */
@Component
class ProjectResults implements BatchProjection<ExecutionFinished> {

  private final ExecutionWrites writes;
  private final ExecutionBatchWrites batchWrites;
  private final String topic;
  private final Deserializer<ExecutionFinished> deserializer;
  private final LiveEvents live;

  ProjectResults(
      ExecutionWrites writes,
      ExecutionBatchWrites batchWrites,
      ApiProperties properties,
      LiveEvents live) {
    this.writes = writes;
    this.batchWrites = batchWrites;
    this.live = live;
    var results = properties.topics().results();
    this.topic = results.name();
    this.deserializer = results.valueSerde().deserializer();
  }

  @Override
  public String name() {
    return "results";
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public ExecutionFinished read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new IllegalArgumentException("the value is empty (null)");
    }
    return deserializer.deserialize(topic, record.value());
  }

  @Override
  public void apply(ExecutionFinished result, ConsumerRecord<String, byte[]> record) {
    writes.finished(result);
    live.publish(List.of(LiveEvent.finished(result)));
  }

  @Override
  public void applyAll(List<ExecutionFinished> results) {
    batchWrites.finished(results);
    live.publish(results.stream().map(LiveEvent::finished).toList());
  }

  @Override
  public LogContext logContext(ExecutionFinished result) {
    return LogContext.fire(result.jobId(), result.fireId());
  }
}
