package dev.punctual.api.execution;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.projection.Projection;
import dev.punctual.model.event.ExecutionFinished;
import dev.punctual.model.log.LogContext;
import java.util.Comparator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.stereotype.Component;

/** The results topic: every finished attempt completes its row and may be the job's last run. */
@Component
class ProjectResults implements Projection<ExecutionFinished> {

  private final ExecutionWrites writes;
  private final String topic;
  private final Deserializer<ExecutionFinished> deserializer;

  ProjectResults(ExecutionWrites writes, ApiProperties properties) {
    this.writes = writes;
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
  }

  /** By attempt: the order in which {@link ExecutionWrites} locks their rows. */
  @Override
  public Comparator<ExecutionFinished> orderWithinJob() {
    return Comparator.comparing(ExecutionFinished::fireId)
        .thenComparingInt(ExecutionFinished::attempt);
  }

  @Override
  public LogContext logContext(ExecutionFinished result) {
    return LogContext.fire(result.jobId(), result.fireId());
  }
}
