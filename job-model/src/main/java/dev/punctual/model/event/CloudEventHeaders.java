package dev.punctual.model.event;

import dev.punctual.model.json.IsoInstants;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents 1.0 attributes of the records on the fires, results and missed topics, written in
 * binary mode: each attribute is a {@code ce_*} header and the record's value (the JSON event, left
 * as it is) is the event's data, with {@code content-type: application/json}. A consumer that knows
 * CloudEvents reads them with any SDK; one that does not ignores the headers.
 *
 * <p>The headers are written here, not by the CloudEvents SDK: building an SDK event and its Kafka
 * binding per record was 8 % of the scheduler's stream thread at 10,000 fires/s (JFR, see
 * docs/benchmarks.md), for seven fixed headers. Their encoding is the Kafka protocol binding's:
 * UTF-8 values, {@code ce_time} in RFC 3339 (the same text as the JSON's times). The tests read
 * them back with the SDK ({@code cloudevents-kafka}), so a change that breaks the binding fails
 * there.
 *
 * <table>
 *   <caption>Attributes per topic</caption>
 *   <tr><th>topic</th><th>{@code ce_type}</th><th>{@code ce_id}</th><th>{@code ce_source}</th>
 *       <th>{@code ce_time}</th></tr>
 *   <tr><td>fires</td><td>{@value #FIRED}</td><td>{@code <fireId>#<attempt>}</td>
 *       <td>{@value #SCHEDULER_SOURCE}</td><td>{@code firedAt}</td></tr>
 *   <tr><td>results</td><td>{@value #FINISHED}</td><td>{@code <fireId>#<attempt>}</td>
 *       <td>{@code /punctual/worker/<workerId>}</td><td>{@code finishedAt}</td></tr>
 *   <tr><td>missed</td><td>{@value #MISSED}</td><td>a name-based UUID (see {@link #missedId})</td>
 *       <td>{@value #SCHEDULER_SOURCE}</td><td>{@code detectedAt}</td></tr>
 * </table>
 *
 * {@code ce_subject} is the job id on all three.
 */
public final class CloudEventHeaders {

  /** Header of the CloudEvents specification version, always {@value #SPEC_VERSION_1_0}. */
  public static final String SPEC_VERSION = "ce_specversion";

  /** Header of the event's id: unique per source, the same when the same event is written again. */
  public static final String ID = "ce_id";

  /** Header of the event's source, a URI reference naming the service that wrote it. */
  public static final String SOURCE = "ce_source";

  /** Header of the event's type. */
  public static final String TYPE = "ce_type";

  /** Header of when the event happened (RFC 3339). */
  public static final String TIME = "ce_time";

  /** Header of the event's subject: the job id. */
  public static final String SUBJECT = "ce_subject";

  /** Header of the data's media type, always {@value #JSON}. */
  public static final String CONTENT_TYPE = "content-type";

  /** The CloudEvents specification version written. */
  public static final String SPEC_VERSION_1_0 = "1.0";

  /** The media type of every value written. */
  public static final String JSON = "application/json";

  /** {@code ce_type} of a fire ({@link JobFired}). */
  public static final String FIRED = "dev.punctual.job.fired";

  /** {@code ce_type} of a result ({@link ExecutionFinished}). */
  public static final String FINISHED = "dev.punctual.execution.finished";

  /** {@code ce_type} of missed occurrences ({@link MissedOccurrences}). */
  public static final String MISSED = "dev.punctual.occurrences.missed";

  /** {@code ce_source} of what the scheduler writes: fires and missed occurrences. */
  public static final String SCHEDULER_SOURCE = "/punctual/scheduler";

  /** {@code ce_source} of a worker's results, followed by the worker id. */
  public static final String WORKER_SOURCE_PREFIX = "/punctual/worker/";

  private CloudEventHeaders() {}

  /** The headers of a fire record. */
  public static Headers fired(JobFired fire) {
    return headers(
        attemptId(fire.fireId(), fire.attempt()),
        SCHEDULER_SOURCE,
        FIRED,
        fire.firedAt(),
        fire.jobId());
  }

  /** The headers of a result record. */
  public static Headers finished(ExecutionFinished result) {
    return headers(
        attemptId(result.fireId(), result.attempt()),
        workerSource(result.workerId()).toString(),
        FINISHED,
        result.finishedAt(),
        result.jobId());
  }

  /** The headers of a missed-occurrences record. */
  public static Headers missed(MissedOccurrences missed) {
    return headers(
        missedId(missed).toString(), SCHEDULER_SOURCE, MISSED, missed.detectedAt(), missed.jobId());
  }

  /**
   * The id of a missed-occurrences event: a name-based (version 3) UUID of the job id, reason,
   * {@code from} and {@code to}. Those four name one episode, so a transaction the scheduler
   * processes again after a crash writes the same id and a consumer can drop the duplicate; a
   * random UUID would make the two look like two episodes.
   */
  public static UUID missedId(MissedOccurrences missed) {
    var name =
        String.join(
            "\n",
            missed.jobId(),
            missed.reason().name(),
            missed.from().toString(),
            missed.to().toString());
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code ce_id} of a fire attempt and of its result. */
  static String attemptId(String fireId, int attempt) {
    return fireId + "#" + attempt;
  }

  /**
   * {@code /punctual/worker/<workerId>}, the worker id quoted where it holds characters a URI path
   * cannot (it is configurable, so it may hold a space).
   */
  static URI workerSource(String workerId) {
    try {
      return new URI(null, null, WORKER_SOURCE_PREFIX + workerId, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("worker id '" + workerId + "' gives no URI path", e);
    }
  }

  private static Headers headers(
      String id, String source, String type, Instant time, String subject) {
    var headers = new RecordHeaders();
    add(headers, SPEC_VERSION, SPEC_VERSION_1_0);
    add(headers, ID, id);
    add(headers, SOURCE, source);
    add(headers, TYPE, type);
    add(headers, CONTENT_TYPE, JSON);
    add(headers, SUBJECT, subject);
    add(headers, TIME, IsoInstants.format(time));
    return headers;
  }

  private static void add(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
