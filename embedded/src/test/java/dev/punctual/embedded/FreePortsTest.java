package dev.punctual.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void neverGivesTheSamePortTwice() {
    var seen = new HashSet<Integer>();
    for (int i = 0; i < 2_000; i++) {
      int port = FreePorts.any();
      assertThat(seen.add(port)).as("port %d given a second time, call %d", port, i).isTrue();
    }
  }

  @Test
  void aPortGivenIsFree() {
    int port = FreePorts.any();
    assertThat(FreePorts.isFree(port)).isTrue();
    assertThat(FreePorts.orFree(0)).isNotEqualTo(port).isPositive();
    assertThat(FreePorts.orFree(port)).isEqualTo(port);
  }
}
