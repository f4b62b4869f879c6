package dev.punctual.model.json;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * What is wrong with a JSON document that does not parse, for a person: Jackson's message without
 * the names of its classes and settings (which say nothing to a client and would leak the
 * implementation), with the line and column when known.
 */
public final class JsonSyntax {

  /**
   * Jackson's asides that name its own types or settings, and the location it gives of an unclosed
   * object's start ("(start marker at [Source: REDACTED (`…` disabled); byte offset: #UNKNOWN])"),
   * which says nothing.
   */
  private static final Pattern ASIDES =
      Pattern.compile(
          "\\s*\\(bound as `[^`]*`\\)|:? not allowed as per `[^`]*`|,? from `[^`]*`"
              + "|\\s*\\((?:start marker at )?\\[Source:.*?\\]\\)");

  /** A qualified name in backticks, e.g. {@code `JsonToken.START_OBJECT`}. */
  private static final Pattern QUALIFIED = Pattern.compile("`(?:[\\w$]+\\.)+([\\w$]+)`");

  private JsonSyntax() {}

  /** The first line of the parser's message, cleaned, with the location when known. */
  public static String describe(JacksonException e) {
    var location = e.getLocation();
    var where =
        location == null || location.getLineNr() < 0
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    var message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    var firstLine = newline >= 0 ? message.substring(0, newline) : message;
    var cleaned = QUALIFIED.matcher(ASIDES.matcher(firstLine).replaceAll("")).replaceAll("$1");
    return cleaned + where;
  }
}
