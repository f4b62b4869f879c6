package dev.punctual.api.job;

import dev.punctual.api.audit.AuditOrigin;
import dev.punctual.api.system.InvalidBodyException;
import dev.punctual.model.json.Json;
import dev.punctual.model.json.JsonSyntax;
import dev.punctual.model.validation.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code POST /jobs/batch}: many jobs in one request and one transaction. */
@RestController
class JobBatchController implements JobBatchApi {

  private final JobBatch batch;

  JobBatchController(JobBatch batch) {
    this.batch = batch;
  }

  @Override
  @PostMapping(
      path = "/jobs/batch",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public JobBatch.Result createAll(@RequestBody byte[] body, HttpServletRequest request) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidBodyException(
          new FieldError("", "the body is not valid JSON: " + JsonSyntax.describe(e)));
    }
    return batch.createAll(tree, AuditOrigin.of(request));
  }
}
