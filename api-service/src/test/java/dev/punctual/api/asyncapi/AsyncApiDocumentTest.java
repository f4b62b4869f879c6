package dev.punctual.api.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.punctual.model.event.CloudEventHeaders;
import dev.punctual.model.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The AsyncAPI document names every topic of {@link Topics#all()}, and its references all lead
 * somewhere: a new topic without a channel, or a message without a schema, fails here.
 */
class AsyncApiDocumentTest {

  private final JsonNode document = AsyncApiDocument.load();

  @Test
  void everyTopicHasAChannelAndEveryChannelATopic() {
    assertThat(addresses(document)).containsExactlyInAnyOrderElementsOf(Topics.DEFAULT.all());
  }

  @Test
  void theServedDocumentNamesTheTopicsOfTheInstallation() {
    var topics = new Topics("acme.");

    assertThat(addresses(AsyncApiDocument.forTopics(topics)))
        .containsExactlyInAnyOrderElementsOf(topics.all());
  }

  @Test
  void everyMessageHasAPayloadAKeyAndResolvableReferences() {
    assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
    var messages = document.get("components").get("messages");
    for (var name : messages.propertyNames()) {
      var message = messages.get(name);
      assertThat(message.has("payload")).as("%s payload", name).isTrue();
      assertThat(message.at("/bindings/kafka/key").isMissingNode()).as("%s key", name).isFalse();
    }
    var references = new ArrayList<String>();
    collectReferences(document, references);
    assertThat(references).isNotEmpty();
    for (var reference : references) {
      assertThat(reference).startsWith("#/");
      assertThat(document.at(reference.substring(1)).isMissingNode())
          .as("%s leads nowhere", reference)
          .isFalse();
    }
  }

  @Test
  void theFiresResultsAndMissedMessagesDeclareTheirCloudEventsType() {
    Map<String, String> types = new HashMap<>();
    var messages = document.get("components").get("messages");
    for (var name : List.of("JobFired", "ExecutionFinished", "MissedOccurrences")) {
      var headers = resolve(messages.get(name).get("headers"));
      types.put(name, headers.at("/allOf/1/properties/ce_type/const").asString());
    }

    assertThat(types)
        .containsEntry("JobFired", CloudEventHeaders.FIRED)
        .containsEntry("ExecutionFinished", CloudEventHeaders.FINISHED)
        .containsEntry("MissedOccurrences", CloudEventHeaders.MISSED);
  }

  private JsonNode resolve(JsonNode reference) {
    return document.at(reference.get("$ref").asString().substring(1));
  }

  private static List<String> addresses(JsonNode document) {
    var addresses = new ArrayList<String>();
    document.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
    return addresses;
  }

  private static void collectReferences(JsonNode node, List<String> references) {
    if (node.isObject() && node.has("$ref")) {
      references.add(node.get("$ref").asString());
    }
    node.forEach(child -> collectReferences(child, references));
  }
}
