package dev.punctual.standalone;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  @Test
  void aBusyPortIsNamedWithThePropertyThatMovesIt() throws Exception {
    try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () -> PortCheck.requireFree(Map.of("punctual.standalone.kafka-port", port)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + port + " is in use")
          .hasMessageContaining("--punctual.standalone.kafka-port=");
    }
  }

  @Test
  void freeAndAnyPortsPass() {
    assertThatCode(() -> PortCheck.requireFree(Map.of("a", 0))).doesNotThrowAnyException();
  }
}
