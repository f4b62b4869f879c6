package dev.punctual.api.asyncapi;

import dev.punctual.model.json.Json;
import dev.punctual.model.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI document of the topics, read from the classpath resource {@value #RESOURCE}. It is
 * written for the default topic prefix; {@link #forTopics} names an installation's own topics.
 */
public final class AsyncApiDocument {

  /** Where the document lives on the classpath (and in this module's resources). */
  public static final String RESOURCE = "asyncapi.json";

  private AsyncApiDocument() {}

  /** The document as written in the repository. */
  public static ObjectNode load() {
    try (var in = AsyncApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The document with each channel's address renamed from the default prefix to {@code topics}'s,
   * so that a reader of a running installation sees the topics it really has.
   */
  public static ObjectNode forTopics(Topics topics) {
    var document = load();
    for (var channel : document.get("channels")) {
      var address = channel.get("address").asString();
      if (address.startsWith(Topics.DEFAULT_PREFIX)) {
        ((ObjectNode) channel)
            .put("address", topics.prefix() + address.substring(Topics.DEFAULT_PREFIX.length()));
      }
    }
    return document;
  }
}
