package dev.punctual.api.job;

import dev.punctual.model.job.HttpTarget;
import dev.punctual.model.job.KafkaTarget;
import dev.punctual.model.job.Target;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The {@code Target} schema of the OpenAPI document, built from the sealed {@link Target}: one of
 * the documented schemas of its permitted subclasses, told apart by {@code type} with the name
 * {@link Target#typeName} gives each. A new kind of target without a documented schema here fails
 * the document (and {@code OpenApiIT}) instead of going missing from it; {@code TargetSchemasTest}
 * checks that each documents its record's fields.
 */
@Component
class TargetSchemas implements OpenApiCustomizer {

  private static final String NAME = "Target";

  /** Where definitions refer to the target's schema. */
  static final String REF = Components.COMPONENTS_SCHEMAS_REF + NAME;

  private static final String TYPE = "type";

  /** The documented shape of each kind of target, in {@link JobSchemas}. */
  private static final Map<Class<? extends Target>, Class<?>> DOCUMENTED =
      Map.of(
          HttpTarget.class,
          JobSchemas.HttpTargetSchema.class,
          KafkaTarget.class,
          JobSchemas.KafkaTargetSchema.class);

  @Override
  public void customise(OpenAPI openApi) {
    var components = openApi.getComponents();
    var target =
        new Schema<>()
            .description("What a fire executes: one kind of target, told apart by `type`.")
            .discriminator(new Discriminator().propertyName(TYPE));
    for (var permitted : Target.class.getPermittedSubclasses()) {
      var kind = permitted.asSubclass(Target.class);
      var documented = DOCUMENTED.get(kind);
      if (documented == null) {
        throw new IllegalStateException(
            "The target "
                + kind.getName()
                + " has no documented schema in TargetSchemas.DOCUMENTED; this indicates a bug");
      }
      // Only the documented schema itself: the converters also hand back every schema they
      // resolved before, which would bring back those springdoc dropped as unreferenced.
      Schema<?> schema =
          ModelConverters.getInstance(true)
              .resolveAsResolvedSchema(new AnnotatedType(documented))
              .schema;
      var name = Target.typeName(kind);
      onlyValue(schema.getProperties().get(TYPE), name);
      components.addSchemas(schema.getName(), schema);
      var ref = new Schema<>().$ref(Components.COMPONENTS_SCHEMAS_REF + schema.getName());
      target.addOneOfItem(ref);
      target.getDiscriminator().mapping(name, ref.get$ref());
    }
    components.addSchemas(NAME, target);
  }

  /** Restricts a string property to one value. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void onlyValue(Schema property, String value) {
    property.setEnum(List.of(value));
  }
}
