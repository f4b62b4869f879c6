package dev.punctual.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryClassificationTest {

  private static final Instant NOW = Instant.parse("2027-03-13T07:30:00Z");

  @Test
  void aHugeNumberOfSecondsSaturatesInsteadOfOverflowing() {
    assertThat(RetryClassification.retryAfter(429, headers("99999999999999999999999"), NOW))
        .isEqualTo(NOW.plusSeconds(999_999_999));
  }

  /** Generated header values: never an exception, and never a time before the answer. */
  @Test
  void generatedRetryAfterValuesNeverThrowAndNeverAskForThePast() {
    var random = new Random(429);
    var alphabet = "0123456789 ,:-+GMTSatMonDecJanxyz\t".toCharArray();
    for (int i = 0; i < 5_000; i++) {
      var value = new StringBuilder();
      for (int n = random.nextInt(32); n > 0; n--) {
        value.append(alphabet[random.nextInt(alphabet.length)]);
      }

      var retryAfter = RetryClassification.retryAfter(503, headers(value.toString()), NOW);

      if (retryAfter != null) {
        assertThat(retryAfter).as(value.toString()).isAfterOrEqualTo(NOW);
      }
    }
  }

  private static HttpHeaders headers(String retryAfter) {
    return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (name, value) -> true);
  }
}
