package dev.punctual.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.punctual.model.validation.InvalidJobDefinitionException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleOptionsTest {

  private static final Instant NOW = Instant.parse("2027-03-13T12:00:00Z");

  @Test
  void theBuilderSetsOptionsByNameAndKeepsTheOthersAtTheirDefaults() {
    var options =
        ScheduleOptions.builder()
            .timeZone(ZoneId.of("Europe/Berlin"))
            .maxRuns(3)
            .misfirePolicy(MisfirePolicy.SKIP)
            .build();

    assertThat(options.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(options.maxRuns()).isEqualTo(3);
    assertThat(options.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
    assertThat(options.startAt()).isNull();
    assertThat(options.catchUpWindow()).isNull();
    assertThat(options.toBuilder().maxRuns(null).build())
        .isEqualTo(
            ScheduleOptions.builder()
                .timeZone(options.timeZone())
                .misfirePolicy(MisfirePolicy.SKIP)
                .build());
    assertThat(ScheduleOptions.builder().build()).isEqualTo(ScheduleOptions.DEFAULTS);
  }

  @Test
  void theBuilderChecksTheInvariants() {
    assertThatThrownBy(() -> ScheduleOptions.builder().maxRuns(0).build())
        .isInstanceOf(InvalidJobDefinitionException.class)
        .hasMessageContaining("maxRuns");
  }

  @Test
  void theCatchUpWindowCutsOffOlderMissedOccurrences() {
    var window = ScheduleOptions.builder().catchUpWindow(Duration.ofMinutes(10)).build();

    assertThat(window.catchUpFrom(NOW.minusSeconds(3600), NOW)).isEqualTo(NOW.minusSeconds(600));
    assertThat(window.catchUpFrom(NOW.minusSeconds(60), NOW)).isEqualTo(NOW.minusSeconds(60));
    assertThat(ScheduleOptions.DEFAULTS.catchUpFrom(NOW.minusSeconds(3600), NOW))
        .isEqualTo(NOW.minusSeconds(3600));
  }

  @Test
  void aMissedOccurrenceFiresOnlyInsideTheWindowAndNeverUnderSkip() {
    var window = ScheduleOptions.builder().catchUpWindow(Duration.ofMinutes(10)).build();
    var skip = ScheduleOptions.builder().misfirePolicy(MisfirePolicy.SKIP).build();

    assertThat(window.firesWhenFoundAt(NOW.minusSeconds(600), NOW)).isTrue();
    assertThat(window.firesWhenFoundAt(NOW.minusSeconds(601), NOW)).isFalse();
    assertThat(ScheduleOptions.DEFAULTS.firesWhenFoundAt(NOW.minusSeconds(86_400), NOW)).isTrue();
    assertThat(skip.firesWhenFoundAt(NOW.minusMillis(1), NOW)).isFalse();
    assertThat(skip.firesWhenFoundAt(NOW, NOW)).as("not yet missed").isTrue();
  }

  @Test
  void anOccurrenceIsMissedWhenLaterThanTheThresholdOrWhenItsNextOneIsDueToo() {
    var byDefault = ScheduleOptions.DEFAULTS;
    var strict = ScheduleOptions.builder().misfireThreshold(Duration.ofSeconds(5)).build();
    var global = Duration.ofSeconds(60);

    assertThat(byDefault.isMissed(NOW.minusSeconds(60), null, NOW, global)).isFalse();
    assertThat(byDefault.isMissed(NOW.minusMillis(60_001), null, NOW, global)).isTrue();
    assertThat(strict.isMissed(NOW.minusSeconds(6), null, NOW, global)).isTrue();
    assertThat(strict.isMissed(NOW.minusSeconds(5), NOW.plusMillis(1), NOW, global)).isFalse();
    assertThat(byDefault.isMissed(NOW.minusSeconds(2), NOW, NOW, global))
        .as("the next occurrence is due too")
        .isTrue();
    assertThat(byDefault.isMissed(NOW.minusSeconds(2), NOW.plusMillis(1), NOW, global)).isFalse();
    assertThat(strict.misfireThresholdOr(global)).isEqualTo(Duration.ofSeconds(5));
    assertThat(byDefault.misfireThresholdOr(global)).isEqualTo(global);
  }
}
