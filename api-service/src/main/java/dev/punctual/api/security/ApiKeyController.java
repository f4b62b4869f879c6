package dev.punctual.api.security;

import dev.punctual.api.ApiProperties;
import dev.punctual.api.system.Page;
import dev.punctual.api.system.PageSize;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/api-keys}: issue, list and revoke API keys. */
@RestController
@RequestMapping(path = "/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyController implements ApiKeyApi {

  private final ApiKeys keys;
  private final ApiProperties properties;

  ApiKeyController(ApiKeys keys, ApiProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  public IssuedApiKey issue(@RequestBody ApiKeyRequest request) {
    return keys.issue(request.validated());
  }

  @Override
  @GetMapping
  public Page<ApiKey> list(
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return keys.list(cursor, PageSize.of(limit, properties));
  }

  @Override
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void revoke(@PathVariable String id) {
    keys.revoke(id);
  }
}
