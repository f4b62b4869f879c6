package dev.punctual.scheduler.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under the streams rebalance protocol (KIP-1071) the session timeout, heartbeat interval and
 * number of standbys belong to the group on the broker, not to the client: this sets them from the
 * scheduler's properties before Kafka Streams joins. If the broker refuses (values outside its
 * {@code group.streams.min/max.*} bounds, or no right to alter the group's configuration), the
 * scheduler starts anyway with the broker's defaults and says so.
 */
final class StreamsGroupSettings {

  private static final Logger log = LoggerFactory.getLogger(StreamsGroupSettings.class);
  private static final long TIMEOUT_SECONDS = 30;

  private StreamsGroupSettings() {}

  /** The group configuration that carries the scheduler's properties (names from KIP-1071). */
  static Map<String, String> of(SchedulerProperties properties) {
    var settings = new LinkedHashMap<String, String>();
    settings.put(
        "streams.session.timeout.ms", String.valueOf(properties.sessionTimeout().toMillis()));
    settings.put(
        "streams.heartbeat.interval.ms", String.valueOf(properties.heartbeatInterval().toMillis()));
    settings.put("streams.num.standby.replicas", String.valueOf(properties.numStandbyReplicas()));
    return settings;
  }

  /** Sets them on the group {@code application-id} through an admin client with {@code config}. */
  static void apply(SchedulerProperties properties, Map<String, Object> config) {
    var group = new ConfigResource(ConfigResource.Type.GROUP, properties.applicationId());
    var settings = of(properties);
    List<AlterConfigOp> operations =
        settings.entrySet().stream()
            .map(
                e ->
                    new AlterConfigOp(
                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .toList();
    try (var admin = Admin.create(config)) {
      admin
          .incrementalAlterConfigs(Map.of(group, operations))
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      log.info("Streams group {} set to {}", properties.applicationId(), settings);
    } catch (ExecutionException e) {
      warn(properties, settings, e.getCause());
    } catch (TimeoutException e) {
      warn(properties, settings, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while configuring the streams group", e);
    }
  }

  private static void warn(
      SchedulerProperties properties, Map<String, String> settings, Throwable cause) {
    log.warn(
        "Could not set {} on streams group {} ({}); the broker's group.streams.* defaults apply,"
            + " so failover may take longer",
        settings,
        properties.applicationId(),
        cause.toString());
  }
}
