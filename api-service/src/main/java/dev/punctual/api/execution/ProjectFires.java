package dev.punctual.api.execution;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.live.LiveEvent;
import dev.punctual.api.live.LiveEvents;
import dev.punctual.api.projection.BatchProjection;
import dev.punctual.model.event.JobFired;
import dev.punctual.model.log.LogContext;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.stereotype.Component;

/**
 * The fires topic: every attempt appears in the history as {@code FIRED} as soon as the scheduler
 * emits it, and becomes the job's latest run.
 */
@Component
class ProjectFires implements BatchProjection<JobFired> {

  private final ExecutionWrites writes;
  private final ExecutionBatchWrites batchWrites;
  private final String topic;
  private final Deserializer<JobFired> deserializer;
  private final LiveEvents live;

  ProjectFires(
      ExecutionWrites writes,
      ExecutionBatchWrites batchWrites,
      ApiProperties properties,
      LiveEvents live) {
    this.writes = writes;
    this.batchWrites = batchWrites;
    this.live = live;
    var fires = properties.topics().fires();
    this.topic = fires.name();
    this.deserializer = fires.valueSerde().deserializer();
  }

  @Override
  public String name() {
    return "fires";
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public JobFired read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new IllegalArgumentException("the value is empty (null)");
    }
    return deserializer.deserialize(topic, record.value());
  }

  @Override
  public void apply(JobFired fire, ConsumerRecord<String, byte[]> record) {
    writes.fired(fire);
    live.publish(List.of(LiveEvent.fired(fire)));
  }

  @Override
  public void applyAll(List<JobFired> fires) {
    batchWrites.fired(fires);
    live.publish(fires.stream().map(LiveEvent::fired).toList());
  }

  @Override
  public LogContext logContext(JobFired fire) {
    return LogContext.fire(fire.jobId(), fire.fireId());
  }
}
