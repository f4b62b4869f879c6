package dev.punctual.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.api.testing.RunningApi;
import dev.punctual.api.testing.TestServers;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** With security on and no way in, the service says at start how to get in. */
@ExtendWith(OutputCaptureExtension.class)
class LockedOutWarningIT {

  @Test
  void withoutAnyCredentialTheStartWarnsHowToGetIn(CapturedOutput output) {
    var arguments = new ArrayList<String>();
    arguments.addAll(TestServers.database("lockedout"));
    arguments.addAll(TestServers.topics("lockedout"));
    arguments.add("--punctual.api.security.enabled=true");

    try (var instance = RunningApi.start(arguments)) {
      assertThat(instance.api().get("/jobs").status()).isEqualTo(401);
    }

    assertThat(output.getOut())
        .contains("WARN")
        .contains("no credential can be used")
        .contains("PUNCTUAL_API_SECURITY_BOOTSTRAP_ADMIN_KEY");
  }
}
