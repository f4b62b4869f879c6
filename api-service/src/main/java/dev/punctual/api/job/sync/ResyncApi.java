package dev.punctual.api.job.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;

/** The OpenAPI description of the admin re-sync. */
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
              + " The scheduler treats an identical definition as an update that changes nothing.")
  @ApiResponse(
      responseCode = "200",
      description = "How many definitions were queued",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema =
                  @Schema(
                      implementation = Resync.Republished.class,
                      example = "{\"republished\": 1250}")))
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
  @ApiResponse(
      responseCode = "200",
      description = "What changed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema =
                  @Schema(
                      implementation = Resync.Rebuilt.class,
                      example =
                          "{\"records\": 1250, \"created\": 12, \"updated\": 3, \"deleted\": 1,"
                              + " \"unchanged\": 1234, \"skipped\": 0}")))
  Resync.Rebuilt database();
}
