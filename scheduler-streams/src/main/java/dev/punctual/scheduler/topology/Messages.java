package dev.punctual.scheduler.topology;

import tools.jackson.core.JacksonException;

/** Turns parser failures into short reasons for dead-letter headers. */
final class Messages {

  private Messages() {}

  /** The parser's own message without its location and source excerpt. */
  static String firstLine(JacksonException e) {
    var message = e.getOriginalMessage();
    if (message == null) {
      return "unreadable JSON";
    }
    int newline = message.indexOf('\n');
    return newline >= 0 ? message.substring(0, newline) : message;
  }
}
