package dev.punctual.api.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. */
@Repository
class ApiKeyRepository {

  /** A key that has not been revoked, with the hash a presented key must match. */
  record ActiveKey(ApiKey key, byte[] hash) {}

  private static final String COLUMNS = "id, name, scopes, namespace, created_at";

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ApiKey key, byte[] hash) {
    jdbc.sql(
            """
            INSERT INTO api_keys (id, name, scopes, namespace, key_hash, created_at)
            VALUES (:id, :name, :scopes, :namespace, :hash, :createdAt)
            """)
        .param("id", key.id())
        .param("name", key.name())
        .param("scopes", String.join(" ", key.scopes()))
        .param("namespace", key.namespace())
        .param("hash", hash)
        .param("createdAt", OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC))
        .update();
  }

  Optional<ActiveKey> findActive(String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + ", key_hash FROM api_keys WHERE id = :id AND revoked_at IS NULL")
        .param("id", id)
        .query((rs, n) -> new ActiveKey(read(rs), rs.getBytes("key_hash")))
        .optional();
  }

  /** Whether there is any key that has not been revoked. */
  boolean anyActive() {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL)")
        .query(Boolean.class)
        .single();
  }

  /** Active keys in id order after {@code afterId}, at most {@code limit}. */
  List<ApiKey> listActive(@Nullable String afterId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM api_keys WHERE revoked_at IS NULL"
                + " AND (CAST(:after AS text) IS NULL OR id > :after) ORDER BY id LIMIT :limit")
        .param("after", afterId)
        .param("limit", limit)
        .query((rs, n) -> read(rs))
        .list();
  }

  /** Revokes the key; whether there was an active key with this id. */
  boolean revoke(String id, Instant at) {
    return jdbc.sql("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
            .param("id", id)
            .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
            .update()
        == 1;
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    var scopes = rs.getString("scopes").split(" ");
    return new ApiKey(
        rs.getString("id"),
        rs.getString("name"),
        Arrays.asList(scopes),
        rs.getString("namespace"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
