package dev.punctual.model.json;

import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Instants in events and definitions through {@link IsoInstants}: written in the text Jackson
 * writes (ISO-8601, UTC, as {@link Instant#toString()}), and read by the fast path when the text is
 * canonical, else by Jackson's own deserializer, which this one wraps, so that every other input is
 * accepted or refused exactly as before, with the same errors.
 */
final class InstantModule extends SimpleModule {

  InstantModule() {
    super("punctual-instants");
    addSerializer(Instant.class, new Writer());
    setDeserializerModifier(
        new ValueDeserializerModifier() {
          @Override
          public ValueDeserializer<?> modifyDeserializer(
              DeserializationConfig config,
              BeanDescription.Supplier description,
              ValueDeserializer<?> deserializer) {
            return description.getBeanClass() == Instant.class
                ? new Reader(deserializer)
                : deserializer;
          }
        });
  }

  private static final class Writer extends StdSerializer<Instant> {

    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializationContext context)
        throws JacksonException {
      generator.writeString(IsoInstants.format(value));
    }
  }

  static final class Reader extends DelegatingDeserializer {

    Reader(ValueDeserializer<?> jacksons) {
      super(jacksons);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
      return new Reader(delegatee);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws JacksonException {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        var instant = IsoInstants.parse(parser.getString());
        if (instant != null) {
          return instant;
        }
      }
      return _delegatee.deserialize(parser, context);
    }
  }
}
