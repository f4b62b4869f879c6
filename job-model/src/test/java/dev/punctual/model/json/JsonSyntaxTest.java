package dev.punctual.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

class JsonSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{} {}",
        "{\"a\": ",
        "[1,]",
        "{\"a\" 1}",
        "tru",
        "[[[[[[[[[[[[1",
        "{\"a\":1",
        "[1,2"
      })
  void describesWhatIsWrongWithoutNamingAClassOrASetting(String json) {
    var e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree(json));

    var described = JsonSyntax.describe(e);

    assertThat(described).isNotBlank();
    assertThat(described)
        .doesNotContain("`")
        .doesNotContainPattern("\\b(tools|com|java)\\.[a-z.]*[A-Z]")
        .doesNotContain("DeserializationFeature")
        .doesNotContain("Source:", "REDACTED", "#UNKNOWN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} {}"})
  void keepsWhatTheParserFound(String json) {
    var e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree(json));

    assertThat(JsonSyntax.describe(e))
        .startsWith("Trailing token (START_OBJECT) found after value");
  }
}
