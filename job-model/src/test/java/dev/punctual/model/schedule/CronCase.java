package dev.punctual.model.schedule;

import dev.punctual.model.schedule.DaylightSaving.Gap;
import dev.punctual.model.schedule.DaylightSaving.Overlap;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * One generated case: a 5- or 6-field expression (its fields kept for the translations), a zone, a
 * daylight-saving policy and a start instant, usually within two days before a change of the zone's
 * offset.
 */
record CronCase(
    String seconds,
    String minutes,
    String hours,
    String daysOfMonth,
    String months,
    String daysOfWeek,
    boolean sixFields,
    ZoneId zone,
    DaylightSaving policy,
    Instant startInstant) {

  static final List<ZoneId> ZONES =
      List.of(
              "America/New_York",
              "Europe/Berlin",
              "Australia/Lord_Howe",
              "America/Santiago",
              "Australia/Sydney",
              "Asia/Kolkata",
              "UTC",
              "Europe/London",
              "America/St_Johns",
              "Pacific/Chatham")
          .stream()
          .map(ZoneId::of)
          .toList();
  private static final String[] DAY_NAMES = {
    "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"
  };

  private static final String[] SECONDS = {"0", "*/15", "5,35", "10-50/20", "*", "59"};
  private static final String[] MINUTES = {"0", "*/10", "30", "15,45", "0-29/15", "59", "*"};
  private static final String[] HOURS = {"*", "0", "1", "2", "3", "1-3", "*/6", "23", "0,12"};
  private static final String[] DAYS_OF_MONTH = {
    "1", "15", "28-31", "31", "29", "1,15", "*/10", "30", "29"
  };
  private static final String[] MONTHS = {"*", "2", "3,4", "10,11", "9-11", "*/2", "12", "*"};
  private static final String[] DAYS_OF_WEEK = {"0", "1-5", "6", "0,6", "3", "7", "2-4"};

  static CronCase random(Random random, int zoneIndex) {
    var zone = ZONES.get(zoneIndex);
    String daysOfMonth = "*";
    String daysOfWeek = "*";
    switch (random.nextInt(4)) {
      case 0 -> daysOfMonth = pick(random, DAYS_OF_MONTH);
      case 1 -> daysOfWeek = pick(random, DAYS_OF_WEEK);
      case 2 -> {
        daysOfMonth = pick(random, DAYS_OF_MONTH);
        daysOfWeek = pick(random, DAYS_OF_WEEK);
      }
      default -> {}
    }
    // A 29th with February alone is a leap day.
    var months = daysOfMonth.equals("29") && random.nextBoolean() ? "2" : pick(random, MONTHS);
    if (months.equals("2") && (daysOfMonth.equals("30") || daysOfMonth.equals("31"))) {
      months = "1,2"; // February alone never has the 30th or 31st
    }
    var policy =
        new DaylightSaving(
            Gap.values()[random.nextInt(Gap.values().length)],
            Overlap.values()[random.nextInt(Overlap.values().length)]);
    return new CronCase(
        pick(random, SECONDS),
        pick(random, MINUTES),
        pick(random, HOURS),
        daysOfMonth,
        months,
        daysOfWeek,
        random.nextBoolean(),
        zone,
        policy,
        start(random, zone));
  }

  private static Instant start(Random random, ZoneId zone) {
    var someInstant =
        Instant.parse("2026-01-01T00:00:00Z")
            .plusSeconds(random.nextLong(5L * 365 * 86_400))
            .plusMillis(random.nextInt(1000));
    var change = zone.getRules().nextTransition(someInstant);
    if (change == null || random.nextInt(4) == 0) {
      return someInstant;
    }
    return change.getInstant().minusSeconds(random.nextLong(2L * 86_400));
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  CronExpression expression() {
    return CronExpression.parse(
        (sixFields ? seconds + " " : "")
            + String.join(" ", minutes, hours, daysOfMonth, months, daysOfWeek));
  }

  LocalDateTime start() {
    return LocalDateTime.ofInstant(startInstant, ZoneOffset.UTC);
  }

  private String engineSeconds() {
    return sixFields ? seconds : "0";
  }

  /** Spring ANDs restricted day fields; Unix cron ORs them: one expression per day field. */
  List<String> springExpressions() {
    var prefix = String.join(" ", engineSeconds(), minutes, hours) + " ";
    if (!daysOfMonth.equals("*") && !daysOfWeek.equals("*")) {
      return List.of(
          prefix + daysOfMonth + " " + months + " *",
          prefix + "* " + months + " " + dayNames(daysOfWeek));
    }
    return List.of(prefix + daysOfMonth + " " + months + " " + dayNames(daysOfWeek));
  }

  /** Quartz needs {@code ?} in one day field and refuses both restricted. */
  List<String> quartzExpressions() {
    var prefix = String.join(" ", engineSeconds(), minutes, hours) + " ";
    var byDayOfMonth = prefix + daysOfMonth + " " + months + " ?";
    var byDayOfWeek = prefix + "? " + months + " " + dayNames(daysOfWeek);
    if (!daysOfMonth.equals("*") && !daysOfWeek.equals("*")) {
      return List.of(byDayOfMonth, byDayOfWeek);
    }
    return List.of(daysOfWeek.equals("*") ? byDayOfMonth : byDayOfWeek);
  }

  /** Day-of-week numbers (0 and 7 Sunday) as names, which both engines read alike. */
  private static String dayNames(String field) {
    if (field.equals("*")) {
      return field;
    }
    var result = new StringBuilder();
    for (char ch : field.toCharArray()) {
      result.append(Character.isDigit(ch) ? DAY_NAMES[ch - '0'] : String.valueOf(ch));
    }
    return result.toString();
  }

  @Override
  public String toString() {
    return "'"
        + expression()
        + "' in "
        + zone
        + " after "
        + startInstant
        + " ("
        + startInstant.atZone(zone).toLocalDateTime()
        + " local), "
        + policy;
  }
}
