package dev.punctual.api.job.idempotency;

import dev.punctual.api.system.InvalidRequestException;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.json.JobDefinitionCodec;
import dev.punctual.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table: which job an {@code Idempotency-Key} of {@code POST /jobs}
 * created, and with which request; and the {@code action_requests} table: the request ids of
 * triggers and backfills. Both for {@code punctual.api.idempotency-key-retention}.
 */
@Repository
public class IdempotencyKeys {

  /** The request header that carries the key. */
  public static final String HEADER = "Idempotency-Key";

  /** Printable ASCII without spaces, as the IETF draft's examples and common clients use. */
  static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  /**
   * A remembered key.
   *
   * @param jobId the job its first request created (or found)
   * @param request the definition that request asked for, its id set to {@code jobId}
   */
  public record Entry(String jobId, JobDefinition request) {}

  private final JdbcClient jdbc;

  IdempotencyKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes the key for this request unless a request within the retention holds it (an older claim
   * is replaced). A concurrent request with the same key waits here until the first one's
   * transaction ends. Whether the key was taken.
   */
  public boolean claim(String key, JobDefinition request, Instant now, Instant expiredBefore) {
    return jdbc.sql(
                """
                INSERT INTO idempotency_keys (key, job_id, request, created_at)
                VALUES (:key, :jobId, CAST(:request AS jsonb), :now)
                ON CONFLICT (key) DO UPDATE SET job_id = EXCLUDED.job_id,
                  request = EXCLUDED.request, created_at = EXCLUDED.created_at
                WHERE idempotency_keys.created_at < :expiredBefore
                """)
            .param("key", key)
            .param("jobId", request.id())
            .param(
                "request", new String(JobDefinitionCodec.toBytes(request), StandardCharsets.UTF_8))
            .param("now", now.atOffset(ZoneOffset.UTC))
            .param("expiredBefore", expiredBefore.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  public Optional<Entry> find(String key) {
    return jdbc.sql("SELECT job_id, request FROM idempotency_keys WHERE key = :key")
        .param("key", key)
        .query(
            (row, n) ->
                new Entry(
                    row.getString("job_id"),
                    JobDefinitionCodec.parse(
                        row.getString("request").getBytes(StandardCharsets.UTF_8), null)))
        .optional();
  }

  /** What became of a trigger's or backfill's request id. */
  public enum Claim {
    /** The request is new (or its id's last use is older than the retention): act on it. */
    TAKEN,
    /** A retry of the same request: already acted on, do nothing again. */
    REPEATED,
    /** The id was used within the retention for a request with another command. */
    CONFLICT
  }

  /**
   * Takes the request id of a trigger or backfill of job {@code jobId}, with the command it asks
   * for, unless a request within the retention holds it (an older claim is replaced). A retry with
   * the same command is {@link Claim#REPEATED}; with another one, {@link Claim#CONFLICT}.
   */
  public Claim claimAction(
      String jobId, String requestId, byte[] command, Instant now, Instant expiredBefore) {
    var taken =
        jdbc.sql(
                    """
                    INSERT INTO action_requests (job_id, request_id, created_at, command)
                    VALUES (:jobId, :requestId, :now, :command)
                    ON CONFLICT (job_id, request_id)
                    DO UPDATE SET created_at = EXCLUDED.created_at, command = EXCLUDED.command
                    WHERE action_requests.created_at < :expiredBefore
                    """)
                .param("jobId", jobId)
                .param("requestId", requestId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("command", command)
                .param("expiredBefore", expiredBefore.atOffset(ZoneOffset.UTC))
                .update()
            == 1;
    if (taken) {
      return Claim.TAKEN;
    }
    // The row is locked by the failed upsert until this transaction ends, so it stays as read.
    var first =
        jdbc.sql(
                "SELECT command FROM action_requests WHERE job_id = :jobId AND request_id = :requestId")
            .param("jobId", jobId)
            .param("requestId", requestId)
            .query((row, n) -> Optional.ofNullable(row.getBytes(1)))
            .single();
    // a claim from before commands were kept (V7_18) is taken to be the same request
    // compared as JSON, so that parameters sent in another order are the same request
    return first.isEmpty()
            || Json.MAPPER.readTree(first.get()).equals(Json.MAPPER.readTree(command))
        ? Claim.REPEATED
        : Claim.CONFLICT;
  }

  /** Forgets the keys claimed before {@code expiredBefore}; how many. */
  int purge(Instant expiredBefore) {
    var before = expiredBefore.atOffset(ZoneOffset.UTC);
    return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < :expiredBefore")
            .param("expiredBefore", before)
            .update()
        + jdbc.sql("DELETE FROM action_requests WHERE created_at < :expiredBefore")
            .param("expiredBefore", before)
            .update();
  }

  /**
   * The {@value #HEADER} header of a request, {@code null} when absent.
   *
   * @throws InvalidRequestException when it may not be used as an idempotency key
   */
  public static @Nullable String requireValid(@Nullable String key) {
    if (key != null && !VALID_KEY.matcher(key).matches()) {
      throw new InvalidRequestException(
          HEADER, "must be 1 to 255 printable ASCII characters without spaces");
    }
    return key;
  }
}
