package dev.punctual.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.topic.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicRulesTest {

  private static final TopicRules ANY = TopicRules.anyButReserved(Topics.DEFAULT.reserved());
  private static final TopicRules NARROW =
      new TopicRules(Topics.DEFAULT.reserved(), List.of("orders.*", " audit-? ", "", "{a,b}-out"));

  @ParameterizedTest
  @ValueSource(
      strings = {"scheduler.fires", "scheduler.jobs", "app-changelog", "__consumer_offsets"})
  void reservedTopicsAreRefusedWhateverTheGlobsAllow(String topic) {
    var everything = new TopicRules(Topics.DEFAULT.reserved(), List.of("*"));

    assertThat(ANY.refusal(topic))
        .hasValueSatisfying(r -> assertThat(r).startsWith("refused: topic " + topic + " is "));
    assertThat(everything.refusal(topic)).isPresent();
  }

  @Test
  void withoutGlobsAnyOtherTopicIsAllowed() {
    assertThat(ANY.refusal("orders")).isEmpty();
    assertThat(ANY.refusal("anything.at-all_1")).isEmpty();
  }

  @Test
  void withGlobsOnlyTheTopicsTheyMatchAreAllowed() {
    assertThat(NARROW.allowedGlobs()).containsExactly("orders.*", "audit-?", "{a,b}-out");
    assertThat(NARROW.refusal("orders.eu")).isEmpty();
    assertThat(NARROW.refusal("orders.eu.v2")).isEmpty();
    assertThat(NARROW.refusal("audit-1")).isEmpty();
    assertThat(NARROW.refusal("b-out")).isEmpty();
    assertThat(NARROW.refusal("orders")).isPresent();
    assertThat(NARROW.refusal("audit-12")).isPresent();
    assertThat(NARROW.refusal("billing"))
        .contains(
            "refused: topic billing matches none of punctual.worker.allowed-topics (orders.*,"
                + " audit-?, {a,b}-out); allow it there or write to an allowed topic");
  }

  @Test
  void aMalformedGlobIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new TopicRules(Topics.DEFAULT.reserved(), List.of("orders.[")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("punctual.worker.allowed-topics: 'orders.[' is not a valid glob");
  }
}
