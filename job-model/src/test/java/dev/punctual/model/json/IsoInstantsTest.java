package dev.punctual.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link IsoInstants} against the JDK on generated instants and texts (seeded, so a failure
 * reproduces): it writes what {@link Instant#toString()} writes, and reads a text to the instant
 * {@link Instant#parse} reads, or declines it ({@code null}) for the JDK to decide.
 */
class IsoInstantsTest {

  private static final long SEED = 20261205L;
  private static final int CASES = 200_000;

  /** 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z, and a margin on both sides. */
  private static final long MIN = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();

  private static final long MAX = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();

  @Test
  void writesWhatInstantToStringWrites() {
    var random = new Random(SEED);
    for (int i = 0; i < CASES; i++) {
      var instant =
          Instant.ofEpochSecond(MIN + (long) (random.nextDouble() * (MAX - MIN)), nano(random));
      assertThat(IsoInstants.format(instant))
          .as("seed %d case %d", SEED, i)
          .isEqualTo(instant.toString());
    }
    assertThat(IsoInstants.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(IsoInstants.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    assertThat(IsoInstants.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
  }

  @Test
  void readsEveryCanonicalTextAsTheJdkDoes() {
    var random = new Random(SEED + 1);
    for (int i = 0; i < CASES; i++) {
      var instant =
          Instant.ofEpochSecond(MIN + (long) (random.nextDouble() * (MAX - MIN)), nano(random));
      var text = instant.toString();
      var parsed = IsoInstants.parse(text);
      if (parsed != null) {
        assertThat(parsed).as("seed %d case %d: %s", SEED + 1, i, text).isEqualTo(instant);
      } else {
        assertThat(text)
            .as("only years outside 0000-9999 are left to the JDK")
            .doesNotMatch("\\d{4}-.*");
      }
    }
    assertThat(IsoInstants.parse("2027-03-13T07:30:04.1Z"))
        .isEqualTo(Instant.parse("2027-03-13T07:30:04.1Z"));
    assertThat(IsoInstants.parse("2027-03-13T07:30:04.123456789Z"))
        .isEqualTo(Instant.parse("2027-03-13T07:30:04.123456789Z"));
  }

  /**
   * Mutated texts: whatever the fast path reads, the JDK reads the same; what it declines is left
   * to the JDK.
   */
  @Test
  void neverReadsATextOtherwiseThanTheJdk() {
    var random = new Random(SEED + 2);
    var alphabet = "0123456789-T:.Z+ zt/".toCharArray();
    int read = 0;
    for (int i = 0; i < CASES; i++) {
      var text =
          new StringBuilder(
              Instant.ofEpochSecond(random.nextLong(0, MAX), nano(random)).toString());
      for (int edits = random.nextInt(1, 3); edits > 0 && !text.isEmpty(); edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, alphabet[random.nextInt(alphabet.length)]);
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, alphabet[random.nextInt(alphabet.length)]);
        }
      }
      var fast = IsoInstants.parse(text.toString());
      if (fast == null) {
        continue;
      }
      read++;
      Instant jdk;
      try {
        jdk = Instant.parse(text);
      } catch (DateTimeException e) {
        throw new AssertionError(
            "seed " + (SEED + 2) + " case " + i + ": read '" + text + "' that the JDK refuses", e);
      }
      assertThat(fast).as("seed %d case %d: %s", SEED + 2, i, text).isEqualTo(jdk);
    }
    assertThat(read).as("some mutations stay canonical, and are read").isPositive();
    assertThat(IsoInstants.parse("2027-02-30T00:00:00Z")).isNull();
    assertThat(IsoInstants.parse("2027-03-13T24:00:00Z")).isNull();
    assertThat(IsoInstants.parse("2027-03-13T23:59:60Z")).isNull();
    assertThat(IsoInstants.parse("2027-03-13T07:30:04+01:00")).isNull();
    assertThat(IsoInstants.parse("2027-03-13T07:30:04.Z")).isNull();
  }

  private static int nano(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1_000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1_000;
      default -> random.nextInt(1_000_000_000);
    };
  }
}
