package dev.punctual.api.system;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health} and its {@code liveness} and {@code readiness} groups on the API's own
 * port too, while every management endpoint lives on {@code management.server.port}: load balancers
 * and Kubernetes probes keep asking the port they send traffic to. Boot's additional-path support
 * only offers other paths ({@code /livez}, {@code /readyz}), hence this small controller; it asks
 * Boot's {@link HealthEndpoint} and answers only the status ({@code {"status":"UP"}}; 503 when DOWN
 * or OUT_OF_SERVICE), no details.
 */
@Hidden
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class MainPortHealth {

  private final HealthEndpoint health;

  MainPortHealth(HealthEndpoint health) {
    this.health = health;
  }

  @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> health() {
    return answer(health.health());
  }

  @GetMapping(path = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> liveness() {
    return answer(health.healthForPath("liveness"));
  }

  @GetMapping(path = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> readiness() {
    return answer(health.healthForPath("readiness"));
  }

  private static ResponseEntity<Map<String, String>> answer(HealthDescriptor descriptor) {
    var status = descriptor.getStatus();
    return ResponseEntity.status(HttpCodeStatusMapper.DEFAULT.getStatusCode(status))
        .body(Map.of("status", status.getCode()));
  }
}
