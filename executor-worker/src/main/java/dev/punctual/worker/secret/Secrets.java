package dev.punctual.worker.secret;

import dev.punctual.model.job.Placeholders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where the worker finds a secret's value: the file {@code NAME} directly inside the secrets
 * directory (a mounted Kubernetes or Docker secret), else the environment variable {@code
 * PUNCTUAL_SECRET_<NAME>} ({@link #environmentVariable}). A file's content is the value, as UTF-8,
 * without one trailing line break ({@code \n} or {@code \r\n}), so that a file written by {@code
 * echo} works. Files are read again for every execution, so a rotated secret is used at once.
 * Thread-safe.
 */
public final class Secrets {

  /** The prefix of the environment variables that hold secrets. */
  public static final String ENVIRONMENT_PREFIX = "PUNCTUAL_SECRET_";

  /** A larger secret file is refused: a secret is a credential, not a document. */
  public static final int MAX_BYTES = 64 * 1024;

  private final @Nullable Path directory;
  private final Function<String, @Nullable String> environment;

  /**
   * @param directory where the secret files are; {@code null} to read secrets from the environment
   *     only. A directory that does not exist (yet) holds no secret.
   * @param environment the value of an environment variable, {@code null} when it is not set
   */
  public Secrets(@Nullable Path directory, Function<String, @Nullable String> environment) {
    this.directory = directory == null ? null : directory.toAbsolutePath().normalize();
    this.environment = environment;
  }

  /** The secrets of {@code directory}, else of this process's environment. */
  public static Secrets of(@Nullable Path directory) {
    return new Secrets(directory, System::getenv);
  }

  /**
   * The environment variable of secret {@code name}: {@value #ENVIRONMENT_PREFIX} followed by the
   * name in upper case, each character other than a letter or digit replaced by {@code _}; {@code
   * db.password} and {@code db-password} both read {@code PUNCTUAL_SECRET_DB_PASSWORD}.
   */
  public static String environmentVariable(String name) {
    return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** Where secret files are read from; {@code null} when only the environment is. */
  public @Nullable Path directory() {
    return directory;
  }

  /**
   * The value of secret {@code name}; empty when neither a file nor an environment variable holds
   * it.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid secret name (it could leave
   *     the directory)
   * @throws IOException when the file exists but cannot be read; its message names the file, never
   *     its content
   */
  public Optional<String> value(String name) throws IOException {
    if (!Placeholders.isValidSecretName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid secret name");
    }
    if (directory != null) {
      var file = directory.resolve(name);
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(read(name, file));
        } catch (NoSuchFileException removed) {
          // Rotated away between the two looks: as if it had not been there.
        }
      }
    }
    return Optional.ofNullable(environment.apply(environmentVariable(name)));
  }

  private static String read(String name, Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(
          "the file of secret " + name + " is larger than " + MAX_BYTES + " bytes");
    }
    var bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IOException("the file of secret " + name + " is not UTF-8 text");
    }
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }
}
