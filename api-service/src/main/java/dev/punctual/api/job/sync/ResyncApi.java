package dev.punctual.api.job.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The OpenAPI description of the admin re-sync. The answers' shapes and examples are those of
 * {@link Resync.Republished} and {@link Resync.Rebuilt}.
 */
@Tag(
    name = "Admin",
    description = "Rebuild the jobs topic from PostgreSQL, or PostgreSQL from the jobs topic")
interface ResyncApi {

  @Operation(
      operationId = "resyncTopic",
      summary = "Republish every job onto the jobs topic",
      description =
          "Appends every job's current definition (same version) to the outbox, which publishes"
              + " it to the jobs topic: after losing the Kafka cluster, or to fill new topics."
              + " The scheduler treats an identical definition as an update that changes nothing."
              + " Each record carries the job's run progress (`progress`: `runCount`,"
              + " `lastScheduledAt`, `completed`, as the API's projections saw the runs), so that"
              + " a scheduler starting from empty state (new topics, a restored backup) does not"
              + " fire a completed job or an occurrence that already fired. The REST API ignores"
              + " `progress` in a request body.")
  @ApiResponse(responseCode = "200", description = "How many definitions were queued")
  Resync.Republished topic();

  @Operation(
      operationId = "resyncDatabase",
      summary = "Rebuild the jobs table from the jobs topic",
      description =
          "Reads the compacted jobs topic from the beginning and brings PostgreSQL up to it:"
              + " newer versions win (a record without version wins when it differs), tombstones"
              + " delete, jobs only PostgreSQL has are kept. Jobs written through the API during"
              + " the re-sync, or still waiting in the outbox, are left alone. Nothing is"
              + " published. E.g. after restoring an old database dump.")
  @ApiResponse(responseCode = "200", description = "What changed")
  Resync.Rebuilt database();
}
