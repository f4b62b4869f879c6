package dev.punctual.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

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
            Map.of("Authorization", "Bearer {{secret.TOKEN}}", "X-Region", "{{param.region}}"),
            "{\"token\":\"{{secret.TOKEN}}\"}",
            Duration.ofSeconds(5));

    var resolved = resolved(target);

    assertThat(resolved)
        .isEqualTo(
            new HttpTarget(
                "PUT",
                "https://api.example.com/run?token=t0ken",
                Map.of("Authorization", "Bearer t0ken", "X-Region", "{{param.region}}"),
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

    assertThat(resolve.resolve(target)).isEqualTo(new Resolution.Resolved(target, Redaction.NONE));
    assertThat(looked).isEmpty();
  }

  @Test
  void aTargetWithoutSecretsIsExecutedAsItIs() {
    var target =
        new HttpTarget(
            "POST", "https://example.com/run", Map.of("X-Id", "{{fire.id}}"), "{{param.x}}", null);

    var resolution = resolve.resolve(target);

    assertThat(resolution).isEqualTo(new Resolution.Resolved(target, Redaction.NONE));
  }

  @Test
  void anUnknownSecretIsAFailureThatIsNotRetried() {
    var target = HttpTarget.post("https://example.com/run?a={{secret.TOKEN}}&b={{secret.GONE}}");

    assertThat(resolve.resolve(target))
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

    assertThat(resolve.resolve(header))
        .isEqualTo(
            new Resolution.Unresolved(
                "the target is not valid once its secrets are filled in (headers.Authorization);"
                    + " check the values of the secrets NEWLINE",
                false));
    assertThat(resolve.resolve(url))
        .isEqualTo(
            new Resolution.Unresolved(
                "the target is not valid once its secrets are filled in (url); check the values"
                    + " of the secrets SPACE",
                false));
  }

  @Test
  void anUnreadableSecretFileIsAFailureThatMayBeRetried() throws IOException {
    Files.write(directory.resolve("TOKEN"), new byte[] {(byte) 0xFF});
    var fromFiles = new ResolveSecrets(new Secrets(directory, environment::get));

    assertThat(fromFiles.resolve(HttpTarget.post("https://example.com/{{secret.TOKEN}}")))
        .isEqualTo(
            new Resolution.Unresolved(
                "secret TOKEN cannot be read: the file of secret TOKEN is not UTF-8 text", true));
  }

  @Test
  void theRedactionRemovesTheValuesUsed() {
    var resolution =
        resolve.resolve(
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

  private Target resolved(Target target) {
    var resolution = resolve.resolve(target);
    assertThat(resolution).isInstanceOf(Resolution.Resolved.class);
    return ((Resolution.Resolved) resolution).target();
  }
}
