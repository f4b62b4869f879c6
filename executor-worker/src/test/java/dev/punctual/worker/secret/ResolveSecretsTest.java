package dev.punctual.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.JobFired;
import dev.punctual.model.event.Trigger;
import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ResolveSecretsTest {

  @TempDir Path directory;

  private final List<String> looked = new ArrayList<>();
  private final Map<String, String> environment =
      Map.of(
          "PUNCTUAL_SECRET_TOKEN", "t0ken",
          "PUNCTUAL_SECRET_HOST", "api.example.com",
          "PUNCTUAL_SECRET_NEWLINE", "a\nb",
          "PUNCTUAL_SECRET_SPACE", "a b");

  private final ResolveSecrets resolve =
      new ResolveSecrets(
          new Secrets(
              null,
              variable -> {
                looked.add(variable);
                return environment.get(variable);
              }));

  @Test
  void fillsInTheUrlHeadersAndBodyOfAnHttpTargetAndLooksEachSecretUpOnce() {
    var target =
        new HttpTarget(
            "PUT",
            "https://{{secret.HOST}}/run?token={{secret.TOKEN}}",
            Map.of("Authorization", "Bearer {{secret.TOKEN}}", "X-Region", "{{user.region}}"),
            "{\"token\":\"{{secret.TOKEN}}\"}",
            Duration.ofSeconds(5));

    var resolved = resolved(target);

    assertThat(resolved)
        .isEqualTo(
            new HttpTarget(
                "PUT",
                "https://api.example.com/run?token=t0ken",
                Map.of("Authorization", "Bearer t0ken", "X-Region", "{{user.region}}"),
                "{\"token\":\"t0ken\"}",
                Duration.ofSeconds(5)));
    assertThat(looked).containsExactly("PUNCTUAL_SECRET_HOST", "PUNCTUAL_SECRET_TOKEN");
  }

  @Test
  void fillsInTheKeyHeadersAndStringPayloadOfAKafkaTarget() {
    var target =
        new KafkaTarget(
            "orders",
            "{{secret.TOKEN}}",
            Map.of("auth", "{{secret.TOKEN}}"),
            JsonNodeFactory.instance.stringNode("token={{secret.TOKEN}}"));

    assertThat(resolved(target))
        .isEqualTo(
            new KafkaTarget(
                "orders",
                "t0ken",
                Map.of("auth", "t0ken"),
                JsonNodeFactory.instance.stringNode("token=t0ken")));
  }

  @Test
  void aJsonPayloadIsLeftAsWritten() {
    var payload = JsonNodeFactory.instance.objectNode().put("token", "{{secret.TOKEN}}");
    var target = new KafkaTarget("orders", null, Map.of(), payload);

    assertThat(resolve(target)).isEqualTo(new Resolution.Resolved(target, Redaction.NONE));
    assertThat(looked).isEmpty();
  }

  @Test
  void aTargetWithoutPlaceholdersIsExecutedAsItIs() {
    var target =
        new HttpTarget(
            "POST", "https://example.com/run", Map.of("X-Id", "{{user.id}}"), "\\{ {x}", null);

    var resolution = resolve(target);

    assertThat(resolution).isEqualTo(new Resolution.Resolved(target, Redaction.NONE));
  }

  @Test
  void fillsInParametersFireAndJobFieldsAndEncodesWhatGoesIntoTheUrl() {
    var parameters = JsonNodeFactory.instance.objectNode().put("region", "eu/west 1").put("n", 7);
    parameters.putObject("o").put("a", "b");
    var target =
        new HttpTarget(
            "POST",
            "https://example.com/{{job.id}}/{{param.region}}?at={{fire.scheduledAt}}&n={{param.n}}",
            Map.of("X-Fire", "{{fire.id}}#{{fire.attempt}}", "X-Region", "{{param.region}}"),
            "{\"o\":{{param.o}},\"literal\":\"\\{{param.n}}\"}",
            null);

    var resolved = ((Resolution.Resolved) resolve.resolve(fire(target, parameters)));

    assertThat(resolved.target())
        .isEqualTo(
            new HttpTarget(
                "POST",
                "https://example.com/nightly/eu%2Fwest%201?at=2027-03-13T07%3A30%3A00Z&n=7",
                Map.of("X-Fire", "nightly@1804923000000#1", "X-Region", "eu/west 1"),
                "{\"o\":{\"a\":\"b\"},\"literal\":\"{{param.n}}\"}",
                null));
    assertThat(resolved.redaction().text("eu/west 1 t0ken")).isEqualTo("eu/west 1 t0ken");
  }

  @Test
  void aParameterMissingFromTheFireIsAFailureThatIsNotRetried() {
    var target = HttpTarget.post("https://example.com/{{param.region}}");

    assertThat(resolve.resolve(fire(target, JsonNodeFactory.instance.objectNode())))
        .isEqualTo(
            new Resolution.Unresolved(
                "'{{param.region}}' has no value in this fire: its parameters (the job's, or a"
                    + " trigger's override, which replaces them) have no \"region\"",
                false));
  }

  /**
   * Generated targets whose texts mix placeholders of every kind, escapes, stray braces and
   * characters that need encoding: resolving never throws, and either fills in every placeholder
   * (no secret value but the redacted ones ever appears in an error) or says why not.
   */
  @Test
  void generatedTargetsResolveOrSayWhyWithoutThrowing() {
    var random = new java.util.Random(1313);
    var pieces =
        new String[] {
          "{{param.a}}",
          "{{param.b}}",
          "{{fire.id}}",
          "{{fire.scheduledAt}}",
          "{{fire.attempt}}",
          "{{job.id}}",
          "{{secret.TOKEN}}",
          "{{secret.GONE}}",
          "{{secret.NEWLINE}}",
          "{{user.x}}",
          "\\{{",
          "{{",
          "}}",
          "{",
          " ",
          "/",
          "?",
          "&",
          "#",
          "%",
          "é",
          "x",
          "\n"
        };
    var parameters = JsonNodeFactory.instance.objectNode().put("a", "a/b c").put("b", 2);
    for (int i = 0; i < 1_000; i++) {
      var header = text(random, pieces).replace("\n", "");
      var body = text(random, pieces);
      var path = text(random, pieces).replaceAll("[{}\\\\ #%?&\n]", "");
      HttpTarget target;
      try {
        target =
            new HttpTarget(
                "POST", "https://example.com/" + path, Map.of("X-A", header), body, null);
      } catch (dev.punctual.model.validation.InvalidJobDefinitionException e) {
        continue;
      }

      var resolution = resolve.resolve(fire(target, parameters));

      switch (resolution) {
        case Resolution.Resolved resolved -> {
          var http = (HttpTarget) resolved.target();
          assertThat(http.uri()).as(path).isNotNull();
          assertThat(http.body()).as(body).doesNotContain("{{param.", "{{fire.", "{{job.");
        }
        case Resolution.Unresolved unresolved ->
            assertThat(unresolved.error()).as(body).doesNotContain("t0ken", "a/b c");
      }
    }
  }

  private static String text(java.util.Random random, String[] pieces) {
    var text = new StringBuilder();
    for (int n = random.nextInt(8); n > 0; n--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  @Test
  void anUnknownSecretIsAFailureThatIsNotRetried() {
    var target = HttpTarget.post("https://example.com/run?a={{secret.TOKEN}}&b={{secret.GONE}}");

    assertThat(resolve(target))
        .isEqualTo(
            new Resolution.Unresolved(
                "unknown secret GONE: no file GONE in the worker's secrets directory and no"
                    + " environment variable PUNCTUAL_SECRET_GONE",
                false));
  }

  @Test
  void aValueThatBreaksTheTargetIsAFailureThatNamesTheFieldAndNotTheValue() {
    var header =
        new HttpTarget(
            "POST",
            "https://example.com/run",
            Map.of("Authorization", "{{secret.NEWLINE}}"),
            null,
            null);
    var url = HttpTarget.post("https://example.com/{{secret.SPACE}}");

    assertThat(resolve(header))
        .isEqualTo(
            new Resolution.Unresolved(
                "the target is not valid once its placeholders are filled in"
                    + " (headers.Authorization); check the parameters and the values of the secrets"
                    + " NEWLINE",
                false));
    assertThat(((Resolution.Resolved) resolve(url)).target())
        .isEqualTo(HttpTarget.post("https://example.com/a%20b"));
  }

  @Test
  void anUnreadableSecretFileIsAFailureThatMayBeRetried() throws IOException {
    Files.write(directory.resolve("TOKEN"), new byte[] {(byte) 0xFF});
    var fromFiles = new ResolveSecrets(new Secrets(directory, environment::get));

    assertThat(
            fromFiles.resolve(
                fire(
                    HttpTarget.post("https://example.com/{{secret.TOKEN}}"),
                    JsonNodeFactory.instance.objectNode())))
        .isEqualTo(
            new Resolution.Unresolved(
                "secret TOKEN cannot be read: the file of secret TOKEN is not UTF-8 text", true));
  }

  @Test
  void theRedactionRemovesTheValuesUsed() {
    var resolution =
        resolve(
            new HttpTarget(
                "POST",
                "https://{{secret.HOST}}/",
                Map.of("Authorization", "{{secret.TOKEN}}"),
                null,
                null));

    var redaction = ((Resolution.Resolved) resolution).redaction();

    assertThat(redaction.text("cannot connect to api.example.com:443 with t0ken"))
        .isEqualTo("cannot connect to ******:443 with ******");
  }

  @Test
  void theRedactionAlsoRemovesTheEncodedFormOfASecretInTheUrl() {
    var resolution = resolve(HttpTarget.post("https://example.com/x?q={{secret.SPACE}}"));

    var redaction = ((Resolution.Resolved) resolution).redaction();

    assertThat(redaction.text("GET /x?q=a%20b failed for a b"))
        .isEqualTo("GET /x?q=****** failed for ******");
  }

  private Resolution resolve(Target target) {
    return resolve.resolve(fire(target, JsonNodeFactory.instance.objectNode()));
  }

  private static JobFired fire(Target target, ObjectNode parameters) {
    var at = Instant.parse("2027-03-13T07:30:00Z");
    return new JobFired(
        "nightly@" + at.toEpochMilli(),
        "nightly",
        at,
        at,
        at,
        1,
        Trigger.SCHEDULE,
        0,
        target,
        parameters);
  }

  private Target resolved(Target target) {
    var resolution = resolve(target);
    assertThat(resolution).isInstanceOf(Resolution.Resolved.class);
    return ((Resolution.Resolved) resolution).target();
  }
}
