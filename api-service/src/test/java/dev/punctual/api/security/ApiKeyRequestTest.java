package dev.punctual.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.api.system.InvalidBodyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code POST /admin/api-keys} accepts as a key's name and scopes. */
class ApiKeyRequestTest {

  @Test
  void aNameWithTextPostgresqlCannotStoreIsRefusedNamingTheField() {
    // Found by RestFuzzIT with a random seed: the NUL reached PostgreSQL and was answered 500.
    for (var name : List.of("a\u0000b", "half \ud800 a pair")) {
      assertThatThrownBy(() -> new ApiKeyRequest(name, List.of("jobs:read"), null).validated())
          .isInstanceOf(InvalidBodyException.class)
          .hasMessageContaining("name");
    }
  }

  @Test
  void aValidRequestKeepsItsNameAndOrdersItsScopes() {
    var request =
        new ApiKeyRequest("CI 🚀", List.of("jobs:write", "jobs:read", "jobs:write"), "team")
            .validated();
    assertThat(request.name()).isEqualTo("CI 🚀");
    assertThat(request.scopes()).containsExactly("jobs:write", "jobs:read");
    assertThat(request.namespace()).isEqualTo("team");
  }
}
