package dev.punctual.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.punctual.api.system.Cursor;
import dev.punctual.api.system.NotFoundException;
import dev.punctual.api.system.Page;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Issues, lists, revokes and verifies API keys. A verified key is cached for at most {@link
 * #CACHE_TIME} (1 s), so that a revocation on any instance is refused by every instance within that
 * time plus a database read, well inside the promised 2 s, while a busy client costs at most one
 * database read per second and instance.
 */
@Service
class ApiKeys {

  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

  /** How long a key read from the database is trusted; never longer than 1 s. */
  static final Duration CACHE_TIME = Duration.ofSeconds(1);

  private final ApiKeyRepository repository;
  private final Clock clock;
  private final Cache<String, Optional<ApiKeyRepository.ActiveKey>> verified =
      Caffeine.newBuilder().expireAfterWrite(CACHE_TIME).maximumSize(10_000).build();

  ApiKeys(ApiKeyRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Issues a key; the answer holds the key, which is not stored and cannot be shown again. */
  IssuedApiKey issue(ApiKeyRequest request) {
    var newKey = ApiKeyFormat.generate();
    var key =
        new ApiKey(
            newKey.id(), request.name(), request.scopes(), request.namespace(), clock.instant());
    repository.insert(key, ApiKeyFormat.hash(newKey.key()));
    log.info("Issued API key {} ({}) with scopes {}", key.id(), key.name(), key.scopes());
    return IssuedApiKey.of(key, newKey.key());
  }

  Page<ApiKey> list(@Nullable String cursor, int limit) {
    var fetched = repository.listActive(Cursor.decode(cursor), limit + 1);
    return Page.of(fetched, limit, ApiKey::id);
  }

  /**
   * Revokes the key.
   *
   * @throws NotFoundException when there is no active key with this id
   */
  void revoke(String id) {
    if (!repository.revoke(id, clock.instant())) {
      throw new NotFoundException("There is no active API key with id '" + id + "'.");
    }
    verified.invalidate(id);
    log.info("Revoked API key {}", id);
  }

  /** The caller {@code token} authenticates, if it is an active key. */
  Optional<Caller> verify(String token) {
    return ApiKeyFormat.idOf(token)
        .flatMap(id -> verified.get(id, repository::findActive))
        .filter(active -> ApiKeyFormat.matches(token, active.hash()))
        .map(active -> active.key().caller());
  }

  boolean anyActive() {
    return repository.anyActive();
  }
}
