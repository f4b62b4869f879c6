package dev.punctual.standalone;

import dev.punctual.embedded.FreePorts;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks before anything starts that the configured ports are free, so that a second copy of
 * Punctual, or another program on 9092, is reported in one clear line rather than as a broker's
 * stack trace halfway through start-up.
 */
final class PortCheck {

  private PortCheck() {}

  /**
   * @param ports property name → port; 0 means "any free port" and is not checked
   * @throws IllegalStateException naming every busy port and the property that moves it
   */
  static void requireFree(Map<String, Integer> ports) {
    var busy = new TreeMap<String, Integer>();
    ports.forEach(
        (property, port) -> {
          if (port != 0 && !isFree(port)) {
            busy.put(property, port);
          }
        });
    if (!busy.isEmpty()) {
      var message = new StringBuilder("Cannot start: ");
      busy.forEach(
          (property, port) ->
              message
                  .append("port ")
                  .append(port)
                  .append(" is in use (choose another with --")
                  .append(property)
                  .append("=…); "));
      message.append("is Punctual already running?");
      throw new IllegalStateException(message.toString());
    }
  }

  static boolean isFree(int port) {
    return FreePorts.isFree(port);
  }
}
