package dev.punctual.api.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The namespaces of jobs, which decide who may see their live events. */
@Repository
class JobNamespaces {

  private final JdbcClient jdbc;

  JobNamespaces(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The namespace of each of {@code jobIds} that the API knows; unknown jobs are left out. */
  Map<String, String> of(Collection<String> jobIds) {
    var namespaces = new HashMap<String, String>();
    jdbc.sql("SELECT id, namespace FROM jobs WHERE id = ANY(:ids)")
        .param("ids", jobIds.toArray(String[]::new))
        .query(
            (RowCallbackHandler)
                rs -> namespaces.put(rs.getString("id"), rs.getString("namespace")));
    return namespaces;
  }

  /** The namespace of one job, if the API knows it. */
  Optional<String> of(String jobId) {
    return jdbc.sql("SELECT namespace FROM jobs WHERE id = :id")
        .param("id", jobId)
        .query(String.class)
        .optional();
  }
}
