package dev.punctual.model.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.validation.FieldError;
import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    var policy = new RetryPolicy(10, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(20));

    assertThat(IntStream.rangeClosed(1, 7).mapToObj(policy::backoffAfter))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(20),
            Duration.ofSeconds(20));
  }

  @Test
  void absentFieldsTakeTheDefaults() {
    var policy = new RetryPolicy(5, null, null, null);

    assertThat(policy)
        .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5)));
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
  }

  @Test
  void oneAttemptMeansNoRetry() {
    var policy = new RetryPolicy(1, null, null, null);

    assertThat(policy.hasAttemptsAfter(1)).isFalse();
    assertThat(RetryPolicy.DEFAULT.hasAttemptsAfter(2)).isTrue();
    assertThat(RetryPolicy.DEFAULT.hasAttemptsAfter(3)).isFalse();
  }

  @Test
  void invalidPoliciesNameEveryField() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(10), 0.5, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidJobDefinitionException.class)
        .satisfies(
            e ->
                assertThat(((InvalidJobDefinitionException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactly("maxAttempts", "multiplier", "maxBackoff"));
  }

  @Test
  void aRetryAfterLengthensTheBackoffUpToMaxBackoffButNeverShortensIt() {
    var policy = new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1));

    assertThat(policy.delayAfter(1, null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.delayAfter(2, Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(1));
  }
}
