package dev.punctual.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class TargetTest {

  @Test
  void everyKindOfTargetHasTheTypeNameItsInstancesWrite() {
    Map<Class<? extends Target>, Target> instances =
        Map.of(
            HttpTarget.class, HttpTarget.post("https://example.com/run"),
            KafkaTarget.class, KafkaTarget.of("out", JsonNodeFactory.instance.objectNode()));

    assertThat(Target.class.getPermittedSubclasses())
        .containsExactlyInAnyOrderElementsOf(instances.keySet());
    instances.forEach(
        (kind, instance) -> assertThat(Target.typeName(kind)).isEqualTo(instance.type()));
  }

  @Test
  void typeNamesAreDistinct() {
    assertThat(Target.typeNames()).doesNotHaveDuplicates().containsExactly("http", "kafka");
  }
}
