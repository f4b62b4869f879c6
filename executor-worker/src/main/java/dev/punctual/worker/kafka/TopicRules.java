package dev.punctual.worker.kafka;

import dev.punctual.model.topic.ReservedTopics;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Which topics a Kafka target may write to: never a reserved one ({@link ReservedTopics}: the topic
 * prefix, Kafka Streams and Kafka internal topics), and when {@value #ALLOWED_TOPICS} is set, only
 * a topic that one of its globs matches. A refused topic fails the fire for good: another attempt
 * would be refused again.
 *
 * <p>The globs are the JDK's ({@link java.nio.file.FileSystem#getPathMatcher}): {@code *} any
 * characters, {@code ?} one character, {@code [abc]} one of them, {@code {a,b}} either. Topic names
 * hold no {@code /}, so {@code *} spans the whole name: {@code orders.*} allows {@code orders.eu}
 * and {@code orders.eu.v2}.
 */
public final class TopicRules {

  /** The property that narrows the topics Kafka targets may write to. */
  public static final String ALLOWED_TOPICS = "punctual.worker.allowed-topics";

  private final ReservedTopics reserved;
  private final List<String> globs;
  private final List<PathMatcher> matchers;

  /**
   * @param reserved topics never written to
   * @param allowedGlobs the globs a topic must match, one of them; empty allows any topic that is
   *     not reserved
   * @throws IllegalArgumentException naming {@value #ALLOWED_TOPICS} when a glob is malformed
   */
  public TopicRules(ReservedTopics reserved, Collection<String> allowedGlobs) {
    this.reserved = reserved;
    this.globs = allowedGlobs.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
    this.matchers = globs.stream().map(TopicRules::matcher).toList();
  }

  /** Any topic that is not reserved. */
  public static TopicRules anyButReserved(ReservedTopics reserved) {
    return new TopicRules(reserved, List.of());
  }

  /** The globs a topic must match, one of them; empty when any topic that is not reserved may. */
  public List<String> allowedGlobs() {
    return globs;
  }

  /**
   * Why a Kafka target must not write to {@code topic}, for a person to act on; empty if it may.
   */
  public Optional<String> refusal(String topic) {
    var reason = reserved.reason(topic);
    if (reason.isPresent()) {
      return Optional.of("refused: " + reason.get());
    }
    if (!matchers.isEmpty() && matchers.stream().noneMatch(m -> m.matches(Path.of(topic)))) {
      return Optional.of(
          "refused: topic "
              + topic
              + " matches none of "
              + ALLOWED_TOPICS
              + " ("
              + String.join(", ", globs)
              + "); allow it there or write to an allowed topic");
    }
    return Optional.empty();
  }

  private static PathMatcher matcher(String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          ALLOWED_TOPICS + ": '" + glob + "' is not a valid glob: " + e.getDescription(), e);
    }
  }
}
