package dev.punctual.model.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper every module uses for events and definitions: instants as ISO-8601 UTC strings
 * (millisecond precision, since the records truncate), durations as ISO-8601 ({@code PT30S}),
 * properties in declaration order, unknown properties refused, absent primitives false or 0.
 * Instants go through {@link IsoInstants}, which writes the same text faster ({@link
 * InstantModule}).
 */
public final class Json {

  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // An absent boolean such as `paused` means false, an absent count 0.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
          .addModule(new InstantModule())
          .build();

  private Json() {}

  public static byte[] toBytes(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  public static String toText(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static <T> T fromBytes(byte[] bytes, Class<T> type) {
    return MAPPER.readValue(bytes, type);
  }
}
