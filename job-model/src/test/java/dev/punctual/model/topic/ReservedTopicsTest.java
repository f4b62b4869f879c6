package dev.punctual.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.JobDefinition;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Target;
import dev.punctual.model.schedule.Schedule;
import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;

class ReservedTopicsTest {

  private static final ReservedTopics DEFAULT = Topics.DEFAULT.reserved();

  /** Kafka's alphabet for topic names. */
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "scheduler.jobs",
        "scheduler.fires",
        "scheduler.results",
        "scheduler.dead-letter",
        "scheduler.commands",
        "scheduler.anything-else",
        "scheduler.",
        "punctual-scheduler-job-state-changelog",
        "x-changelog",
        "orders-repartition",
        "__consumer_offsets",
        "__transaction_state",
        "__x"
      })
  void reservesPunctualsKafkaStreamsAndKafkasOwnTopics(String topic) {
    assertThat(DEFAULT.isReserved(topic)).isTrue();
    assertThat(DEFAULT.reason(topic))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("topic " + topic + " is ")
                    .endsWith("; a Kafka target must write to another topic"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "orders",
        "scheduler",
        "schedulers.jobs",
        "Scheduler.jobs",
        "scheduler_jobs",
        "my.scheduler.jobs",
        "changelog",
        "orders-changelog.v2",
        "x-changelogs",
        "repartition-events",
        "_private",
        "a__b"
      })
  void leavesOtherTopicsToTheTargets(String topic) {
    assertThat(DEFAULT.isReserved(topic)).isFalse();
    assertThat(DEFAULT.reason(topic)).isEmpty();
  }

  @Test
  void eachReasonSaysWhichRuleApplies() {
    assertThat(DEFAULT.reason("scheduler.jobs"))
        .contains(
            "topic scheduler.jobs is one of Punctual's own topics (every topic starting with"
                + " 'scheduler.'); a Kafka target must write to another topic");
    assertThat(DEFAULT.reason("app-store-changelog"))
        .contains(
            "topic app-store-changelog is named like an internal topic of Kafka Streams (names"
                + " ending in -changelog or -repartition); a Kafka target must write to another"
                + " topic");
    assertThat(DEFAULT.reason("__consumer_offsets"))
        .contains(
            "topic __consumer_offsets is named like an internal topic of Kafka (names starting"
                + " with __); a Kafka target must write to another topic");
  }

  @Test
  void theConfiguredPrefixIsReservedInsteadOfTheDefault() {
    var reserved = new Topics("acme-prod.").reserved();

    assertThat(reserved.isReserved("acme-prod.fires")).isTrue();
    assertThat(reserved.isReserved("acme-prod.future-topic")).isTrue();
    assertThat(reserved.isReserved("scheduler.jobs")).isFalse();
  }

  @Test
  void withAnEmptyPrefixTheInstallationsTopicsAreReservedByName() {
    var reserved = new Topics("").reserved();

    assertThat(reserved.isReserved("jobs")).isTrue();
    assertThat(reserved.isReserved("dead-letter")).isTrue();
    assertThat(reserved.reason("fires"))
        .contains(
            "topic fires is one of Punctual's own topics; a Kafka target must write to"
                + " another topic");
    assertThat(reserved.isReserved("orders")).isFalse();
    assertThat(reserved.isReserved("jobs.archive")).isFalse();
  }

  @Test
  void generatedNamesAreReservedExactlyWhenARuleSaysSo() {
    var random = new Random(20270313L);
    for (int i = 0; i < 5_000; i++) {
      var name = randomName(random);

      assertThat(DEFAULT.isReserved("scheduler." + name)).as(name).isTrue();
      assertThat(DEFAULT.isReserved("__" + name)).as(name).isTrue();
      assertThat(DEFAULT.isReserved(name + "-changelog")).as(name).isTrue();
      assertThat(DEFAULT.isReserved(name + "-repartition")).as(name).isTrue();
      // A name that no rule covers is free, whatever it contains in between.
      var free = "t" + name + "x";
      assertThat(DEFAULT.isReserved(free)).as(free).isFalse();
    }
  }

  @Test
  void aDefinitionWritingToAReservedTopicIsRefusedOnItsTopicField() {
    var forging =
        job(KafkaTarget.of("scheduler.fires", JsonNodeFactory.instance.objectNode().put("x", 1)));

    assertThat(DEFAULT.check(forging))
        .contains(
            new FieldError(
                "target.topic",
                "topic scheduler.fires is one of Punctual's own topics (every topic starting with"
                    + " 'scheduler.'); a Kafka target must write to another topic"));
    assertThatThrownBy(() -> DEFAULT.requireAllowed(forging))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageStartingWith("target.topic: topic scheduler.fires is one of Punctual's own");
  }

  @Test
  void otherDefinitionsPass() {
    var toOrders = job(KafkaTarget.of("orders", JsonNodeFactory.instance.nullNode()));
    var http = job(HttpTarget.post("https://scheduler.jobs.example.com/run"));

    assertThat(DEFAULT.check(toOrders)).isEmpty();
    assertThat(DEFAULT.check(http)).isEmpty();
    DEFAULT.requireAllowed(toOrders);
    DEFAULT.requireAllowed(http);
  }

  private static String randomName(Random random) {
    var name = new StringBuilder();
    int length = 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }

  private static JobDefinition job(Target target) {
    return JobDefinition.of("job", null, Schedule.Interval.of(Duration.ofMinutes(1)), target);
  }
}
