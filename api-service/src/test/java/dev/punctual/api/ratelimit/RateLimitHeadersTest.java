package dev.punctual.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void anAcceptedRequestSaysWhatIsLeftAndWhenTheBucketIsFullAgain() {
    var headers = RateLimitHeaders.of(ConsumptionProbe.consumed(7, 3 * SECOND + 1), 10);

    assertThat(headers).isEqualTo(new RateLimitHeaders(10, 7, 4, 0));
    assertThat(headers.refused()).isFalse();
  }

  @Test
  void aRefusedRequestIsToldToRetryInWholeSecondsRoundedUp() {
    var headers = RateLimitHeaders.of(ConsumptionProbe.rejected(0, SECOND / 2, 5 * SECOND), 10);

    assertThat(headers).isEqualTo(new RateLimitHeaders(10, 0, 5, 1));
    assertThat(headers.refused()).isTrue();
  }

  @Test
  void retryAfterIsAtLeastOneSecondEvenWhenTheWaitRoundsToNothing() {
    var headers = RateLimitHeaders.of(ConsumptionProbe.rejected(0, 0, 0), 10);

    assertThat(headers.retryAfterSeconds()).isEqualTo(1);
    assertThat(headers.resetSeconds()).isZero();
  }

  @Test
  void aFullBucketResetsNowAndNegativeRemainingShowsAsZero() {
    assertThat(RateLimitHeaders.of(ConsumptionProbe.consumed(10, 0), 10).resetSeconds()).isZero();
    assertThat(RateLimitHeaders.of(ConsumptionProbe.rejected(-3, SECOND, SECOND), 10).remaining())
        .isZero();
  }

  @Test
  void healthMetricsDocumentationAndTheDashboardAreNotLimited() {
    assertThat(LimitRequestRate.isLimited("/actuator/health")).isFalse();
    assertThat(LimitRequestRate.isLimited("/actuator/prometheus")).isFalse();
    assertThat(LimitRequestRate.isLimited("/api-docs")).isFalse();
    assertThat(LimitRequestRate.isLimited("/v3/api-docs/swagger-config")).isFalse();
    assertThat(LimitRequestRate.isLimited("/asyncapi.json")).isFalse();
    assertThat(LimitRequestRate.isLimited("/ui/index.html")).isFalse();
    assertThat(LimitRequestRate.isLimited("/jobs")).isTrue();
    assertThat(LimitRequestRate.isLimited("/actuatorx")).isTrue();
    assertThat(LimitRequestRate.isLimited("/admin/audit")).isTrue();
  }
}
