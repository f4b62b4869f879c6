package dev.punctual.worker.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  @TempDir Path root;

  private final Map<String, String> environment =
      Map.of(
          "PUNCTUAL_SECRET_TOKEN", "from-env",
          "PUNCTUAL_SECRET_DB_PASSWORD", "db-from-env",
          "PUNCTUAL_SECRET_ONLY_ENV", "only-env");

  @Test
  void readsTheFileOfTheNameWithoutOneTrailingLineBreak() throws IOException {
    var secrets = secrets(files());
    write("TOKEN", "from-file\n");
    write("crlf", "windows\r\n");
    write("two-lines", "first\nsecond\n\n");
    write("empty", "");

    assertThat(secrets.value("TOKEN")).contains("from-file");
    assertThat(secrets.value("crlf")).contains("windows");
    assertThat(secrets.value("two-lines")).contains("first\nsecond\n");
    assertThat(secrets.value("empty")).contains("");
  }

  @Test
  void fallsBackToTheEnvironmentVariableOfTheName() throws IOException {
    var secrets = secrets(files());

    assertThat(secrets.value("only.env")).contains("only-env");
    assertThat(secrets.value("db-password")).contains("db-from-env");
    assertThat(secrets.value("TOKEN")).contains("from-env");
  }

  @Test
  void withoutADirectoryOrWithAMissingOneTheEnvironmentAnswers() throws IOException {
    assertThat(secrets(null).value("TOKEN")).contains("from-env");
    assertThat(secrets(root.resolve("not-there")).value("TOKEN")).contains("from-env");
  }

  @Test
  void anUnknownSecretIsEmpty() throws IOException {
    assertThat(secrets(files()).value("nowhere")).isEmpty();
  }

  @Test
  void theEnvironmentVariableIsTheUpperCaseNameWithUnderscores() {
    assertThat(Secrets.environmentVariable("TOKEN")).isEqualTo("PUNCTUAL_SECRET_TOKEN");
    assertThat(Secrets.environmentVariable("db.password")).isEqualTo("PUNCTUAL_SECRET_DB_PASSWORD");
    assertThat(Secrets.environmentVariable("api-key_2")).isEqualTo("PUNCTUAL_SECRET_API_KEY_2");
  }

  @Test
  void aRotatedFileIsReadAgain() throws IOException {
    var secrets = secrets(files());
    write("TOKEN", "first\n");
    assertThat(secrets.value("TOKEN")).contains("first");

    write("TOKEN", "second\n");

    assertThat(secrets.value("TOKEN")).contains("second");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "../outside", "sub/inner", "/etc/passwd", ".hidden", ""})
  void aNameThatCouldLeaveTheDirectoryIsRefused(String name) throws IOException {
    var secrets = secrets(files());
    Files.writeString(root.resolve("outside"), "outside-value");
    Files.createDirectories(files().resolve("sub"));
    Files.writeString(files().resolve("sub/inner"), "inner-value");
    Files.writeString(files().resolve(".hidden"), "hidden-value");

    assertThatThrownBy(() -> secrets.value(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a valid secret name");
  }

  @Test
  void aDirectoryOfTheNameIsNoSecret() throws IOException {
    Files.createDirectories(files().resolve("TOKEN"));

    assertThat(secrets(files()).value("TOKEN")).contains("from-env");
  }

  @Test
  void anUnreadableFileFailsNamingTheSecretButNotItsContent() throws IOException {
    var secrets = secrets(files());
    Files.write(files().resolve("binary"), new byte[] {'o', 'k', (byte) 0xC3});
    write("huge", "x".repeat(Secrets.MAX_BYTES + 1));

    assertThatThrownBy(() -> secrets.value("binary"))
        .isInstanceOf(IOException.class)
        .hasMessage("the file of secret binary is not UTF-8 text");
    assertThatThrownBy(() -> secrets.value("huge"))
        .isInstanceOf(IOException.class)
        .hasMessage("the file of secret huge is larger than 65536 bytes");
  }

  private Secrets secrets(Path directory) {
    return new Secrets(directory, environment::get);
  }

  private Path files() throws IOException {
    return Files.createDirectories(root.resolve("secrets"));
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(files().resolve(name), content, StandardCharsets.UTF_8);
  }
}
