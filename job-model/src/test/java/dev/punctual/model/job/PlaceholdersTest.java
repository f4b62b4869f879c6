package dev.punctual.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.Placeholders.Placeholder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholdersTest {

  @Test
  void findsEveryPlaceholderInOrder() {
    var text = "Bearer {{secret.TOKEN}} for {{param.region}}, {{secret.a.b}}";

    assertThat(Placeholders.in(text))
        .containsExactly(
            new Placeholder("secret", "TOKEN"),
            new Placeholder("param", "region"),
            new Placeholder("secret", "a.b"));
    assertThat(Placeholders.hasSecrets(text)).isTrue();
    assertThat(Placeholders.hasSecrets("{{param.region}}")).isFalse();
    assertThat(Placeholders.in(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{ secret.X }}", "{{Secret.X}}", "{secret.X}", "{{secret}}", "{{}}"})
  void onlyTheExactSyntaxIsAPlaceholder(String text) {
    assertThat(Placeholders.hasSecrets(text)).isFalse();
  }

  @Test
  void replacesWhatTheResolverKnowsAndKeepsTheRestAsWritten() {
    var values = Map.of("TOKEN", "t$1\\x", "HOST", "api.example.com");

    var replaced =
        Placeholders.replace(
            "https://{{secret.HOST}}/?t={{secret.TOKEN}}&u={{secret.UNKNOWN}}&r={{param.r}}",
            p -> p.isSecret() ? values.get(p.name()) : null);

    assertThat(replaced)
        .isEqualTo("https://api.example.com/?t=t$1\\x&u={{secret.UNKNOWN}}&r={{param.r}}");
  }

  @Test
  void aReplacementIsNotResolvedAgain() {
    var replaced = Placeholders.replace("{{secret.A}}", p -> "{{secret.B}}");

    assertThat(replaced).isEqualTo("{{secret.B}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TOKEN", "db.password", "api-key_2", "_x", "-", "a..b"})
  void validSecretNames(String name) {
    assertThat(Placeholders.isValidSecretName(name)).isTrue();
  }

  @Test
  void aSecretNameHasAtMost128Characters() {
    assertThat(Placeholders.isValidSecretName("A".repeat(128))).isTrue();
    assertThat(Placeholders.isValidSecretName("A".repeat(129))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "../etc/passwd",
        ".hidden",
        "..data",
        "a/b",
        "a\\b",
        "a b",
        "ä",
        "x\u0000"
      })
  void invalidSecretNamesCannotLeaveTheirDirectory(String name) {
    assertThat(Placeholders.isValidSecretName(name)).isFalse();
  }

  @Test
  void aBackslashBeforeTwoBracesIsALiteralBraceAndNeverAPlaceholder() {
    var text = "\\{{param.x}} {{param.y}} \\{{ \\{";

    assertThat(Placeholders.in(text)).containsExactly(new Placeholder("param", "y"));
    assertThat(Placeholders.replace(text, p -> "Y")).isEqualTo("{{param.x}} Y {{ \\{");
  }

  @Test
  void onlyTheFourKindsAreResolvable() {
    assertThat(Placeholders.in("{{param.a}}{{fire.id}}{{job.id}}{{secret.S}}{{user.x}}"))
        .extracting(Placeholder::isResolvable)
        .containsExactly(true, true, true, true, false);
  }

  /**
   * Generated texts, with and without placeholders, escapes and stray braces: finding and replacing
   * never throws, a text without placeholders or escapes comes back unchanged, and replacing every
   * placeholder by its own text only removes the escapes' backslashes.
   */
  @Test
  void generatedTextsAreReadWithoutSurprises() {
    var random = new java.util.Random(13);
    var pieces =
        new String[] {
          "{{",
          "}}",
          "{",
          "}",
          "\\",
          ".",
          "param",
          "fire",
          "secret",
          "job",
          "x",
          " ",
          "$",
          "ä",
          "{{param.a}}",
          "{{fire.id}}",
          "{{secret.T}}",
          "\\{{",
          "\n"
        };
    for (int i = 0; i < 2_000; i++) {
      var text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      var written = text.toString();

      var found = Placeholders.in(written);
      var same = Placeholders.replace(written, Placeholder::text);

      assertThat(same).as(written).isEqualTo(written.replace("\\{{", "{{"));
      if (!written.contains("{{")) {
        assertThat(found).as(written).isEmpty();
      }
      assertThat(found).as(written).allSatisfy(p -> assertThat(written).contains(p.text()));
    }
  }
}
