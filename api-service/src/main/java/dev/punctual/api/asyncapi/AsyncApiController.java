package dev.punctual.api.asyncapi;

import dev.punctual.api.ApiProperties;
import dev.punctual.model.json.Json;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the AsyncAPI document at {@value #PATH}, open without credentials like the OpenAPI
 * document. It is not an operation of the REST API, so it stays out of the OpenAPI document.
 */
@Hidden
@RestController
class AsyncApiController {

  static final String PATH = "/asyncapi.json";

  private final byte[] document;

  AsyncApiController(ApiProperties properties) {
    this.document = Json.toBytes(AsyncApiDocument.forTopics(properties.topics()));
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> document() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
  }
}
