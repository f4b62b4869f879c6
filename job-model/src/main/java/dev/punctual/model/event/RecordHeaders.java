package dev.punctual.model.event;

/** Names of the Kafka record headers Punctual writes. */
public final class RecordHeaders {

  /** On a dead-letter record: why it was dead-lettered, for a person to act on. */
  public static final String ERROR = "punctual-error";

  /** On a dead-letter record: the topic the original record came from. */
  public static final String SOURCE_TOPIC = "punctual-source-topic";

  /** On a dead-letter record: the partition the original record came from. */
  public static final String SOURCE_PARTITION = "punctual-source-partition";

  /** On a dead-letter record: the offset of the original record. */
  public static final String SOURCE_OFFSET = "punctual-source-offset";

  /** On a record written by a Kafka target: the fire's id. */
  public static final String FIRE_ID = "punctual-fire-id";

  /** On a record written by a Kafka target: the job's id. */
  public static final String JOB_ID = "punctual-job-id";

  /** On a record written by a Kafka target: the fire's nominal occurrence (ISO-8601). */
  public static final String SCHEDULED_AT = "punctual-scheduled-at";

  private RecordHeaders() {}
}
