package dev.punctual.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.job.Target;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The target's schemas in the OpenAPI document follow the sealed Target and its records. */
class TargetSchemasTest {

  @Test
  void everyKindOfTargetIsOneOfTheTargetSchemaUnderItsTypeName() {
    var schemas = document().getComponents().getSchemas();
    Schema<?> target = schemas.get("Target");

    var kinds = Target.class.getPermittedSubclasses();
    assertThat(target.getOneOf()).hasSize(kinds.length);
    assertThat(target.getDiscriminator().getPropertyName()).isEqualTo("type");
    for (var kind : kinds) {
      var name = Target.typeName(kind.asSubclass(Target.class));
      var ref = target.getDiscriminator().getMapping().get(name);
      assertThat(ref).as(name).isEqualTo("#/components/schemas/" + kind.getSimpleName());
      assertThat(target.getOneOf()).extracting(Schema::get$ref).contains(ref);
      Schema<?> documented = schemas.get(kind.getSimpleName());
      List<Object> values = List.copyOf(documented.getProperties().get("type").getEnum());
      assertThat(values).as(name).containsExactly(name);
    }
  }

  @Test
  void eachTargetSchemaDocumentsExactlyTheFieldsOfItsRecord() {
    var schemas = document().getComponents().getSchemas();

    for (var kind : Target.class.getPermittedSubclasses()) {
      var fields =
          Stream.concat(
                  Stream.of("type"),
                  Arrays.stream(kind.getRecordComponents()).map(RecordComponent::getName))
              .toList();
      List<String> documented =
          new ArrayList<>(schemas.get(kind.getSimpleName()).getProperties().keySet());
      assertThat(documented).as(kind.getSimpleName()).containsExactlyInAnyOrderElementsOf(fields);
    }
  }

  private static OpenAPI document() {
    var openApi = new OpenAPI().components(new Components());
    new TargetSchemas().customise(openApi);
    return openApi;
  }
}
