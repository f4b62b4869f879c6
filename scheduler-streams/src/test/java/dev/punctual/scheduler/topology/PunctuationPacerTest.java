package dev.punctual.scheduler.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PunctuationPacerTest {

  private static final long INTERVAL = 20;
  private static final long MS = 1_000_000;
  private static final long BEHIND = PunctuationPacer.INPUT_BEHIND_MS + 1;

  private final AtomicLong nanos = new AtomicLong();
  private final PunctuationPacer pacer = new PunctuationPacer(nanos::get);

  /** One tick of {@code gridPoint}, run at {@code timestamp}, that works for {@code ms}. */
  private void tick(long gridPoint, long timestamp, long ms) {
    pacer.starting(gridPoint, timestamp);
    nanos.addAndGet(ms * MS);
    pacer.finished(INTERVAL);
  }

  /** The first grid point from {@code from} at which a tick is not held back. */
  private long firstTickNotHeldBack(long from) {
    long at = from;
    while (pacer.holdsBack(at)) {
      at += INTERVAL;
    }
    return at;
  }

  @Test
  void aRoundShorterThanHalfTheIntervalHoldsNothingBack() {
    tick(1_000, 1_000, 3);
    tick(1_000, 1_003, 6);
    pacer.inputSeen(BEHIND);

    assertThat(firstTickNotHeldBack(1_020)).isEqualTo(1_020);
  }

  @Test
  void aLongRoundLeavesTheThreadAsLongAgainForItsInputOnTheGrid() {
    // Three tasks of one thread, 30 ms each, for the grid point 1,000: the round ends at 1,090.
    tick(1_000, 1_000, 30);
    tick(1_000, 1_030, 30);
    tick(1_000, 1_060, 30);
    pacer.inputSeen(BEHIND);

    // 90 ms of input after the round's end: 1,180, on the grid already.
    assertThat(pacer.holdsBack(1_160)).isTrue();
    assertThat(firstTickNotHeldBack(1_100)).isEqualTo(1_180);
  }

  @Test
  void theTimeForInputIsRoundedUpToTheNextGridPoint() {
    tick(1_000, 1_002, 11);
    pacer.inputSeen(BEHIND);

    // 1,002 + 2 × 11 = 1,024, rounded up to 1,040.
    assertThat(firstTickNotHeldBack(1_020)).isEqualTo(1_040);
  }

  @Test
  void inputThatIsNotBehindHoldsNothingBack() {
    tick(1_000, 1_000, 90);
    pacer.inputSeen(PunctuationPacer.INPUT_BEHIND_MS);

    assertThat(firstTickNotHeldBack(1_100)).isEqualTo(1_100);

    // Until a record that is behind: then the input gets its time.
    pacer.inputSeen(BEHIND);
    assertThat(firstTickNotHeldBack(1_100)).isEqualTo(1_180);
  }

  @Test
  void aThreadWithoutInputSinceTheRoundFiresOnAtTheNextGridPoint() {
    tick(1_000, 1_000, 90);

    assertThat(firstTickNotHeldBack(1_100)).isEqualTo(1_100);
  }

  @Test
  void eachRoundStartsAfresh() {
    tick(1_000, 1_000, 30);
    pacer.inputSeen(BEHIND);
    assertThat(firstTickNotHeldBack(1_040)).isEqualTo(1_060);

    // The next round is short, and input seen before it does not count after it.
    tick(1_060, 1_060, 2);
    assertThat(pacer.holdsBack(1_080)).isFalse();
    pacer.inputSeen(BEHIND);
    assertThat(pacer.holdsBack(1_080)).isFalse();
  }

  @Test
  void eachStreamThreadHasItsOwnRound() throws Exception {
    tick(1_000, 1_000, 30);
    pacer.inputSeen(BEHIND);

    boolean onThisThread = pacer.holdsBack(1_040);
    boolean onAnotherThread =
        CompletableFuture.supplyAsync(
                () -> {
                  pacer.inputSeen(BEHIND);
                  return pacer.holdsBack(1_040);
                })
            .get();

    assertThat(onThisThread).isTrue();
    assertThat(onAnotherThread).isFalse();
  }
}
