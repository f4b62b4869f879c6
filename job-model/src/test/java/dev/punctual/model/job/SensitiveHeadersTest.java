package dev.punctual.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveHeadersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization",
        "authorization",
        "AUTHORIZATION",
        "Proxy-Authorization",
        "Cookie",
        "x-api-key",
        "X-Api-Key"
      })
  void masksTheInlineValueOfACredentialHeaderWhateverItsCase(String name) {
    assertThat(SensitiveHeaders.isSensitive(name)).isTrue();
    assertThat(SensitiveHeaders.masked(name, "Bearer abc.def")).isEqualTo("******");
  }

  @Test
  void showsOtherHeadersAsTheyAre() {
    assertThat(SensitiveHeaders.isSensitive("Content-Type")).isFalse();
    assertThat(SensitiveHeaders.isSensitive("X-Api-Key-Id")).isFalse();
    assertThat(SensitiveHeaders.masked("Content-Type", "application/json"))
        .isEqualTo("application/json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{secret.TOKEN}}",
        "Bearer {{secret.TOKEN}}",
        "bearer {{secret.TOKEN}}",
        "Basic {{secret.user-and-password}}",
        "{{secret.A}}{{secret.B}}"
      })
  void showsAValueThatOnlyReferencesSecrets(String value) {
    assertThat(SensitiveHeaders.masked("Authorization", value)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hunter2 {{secret.TOKEN}}",
        "{{secret.TOKEN}} hunter2",
        "Bearer hunter2{{secret.TOKEN}}",
        "session=abc; {{secret.TOKEN}}",
        "{{param.token}}",
        "{{secret.../x}}",
        ""
      })
  void masksAValueWithAnythingInlineBesidesSecretReferences(String value) {
    assertThat(SensitiveHeaders.masked("Cookie", value)).isEqualTo("******");
  }

  @Test
  void masksAWholeHeaderMap() {
    var headers =
        Map.of(
            "Authorization", "Bearer abc",
            "X-Api-Key", "{{secret.KEY}}",
            "Accept", "text/plain");

    assertThat(SensitiveHeaders.masked(headers))
        .containsExactly(
            Map.entry("Accept", "text/plain"),
            Map.entry("Authorization", "******"),
            Map.entry("X-Api-Key", "{{secret.KEY}}"));
  }
}
