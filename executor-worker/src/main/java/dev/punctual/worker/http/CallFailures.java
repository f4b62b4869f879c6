package dev.punctual.worker.http;

import dev.punctual.worker.http.DestinationCheck.Refusal;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.jspecify.annotations.Nullable;

/**
 * Turns an exception of the HTTP client into a message a person can act on, without class names.
 */
final class CallFailures {

  /** {@code java.io.IOException: } as wrapping exceptions put it before their cause's message. */
  private static final Pattern CLASS_NAME_PREFIX =
      Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*:\\s*");

  private CallFailures() {}

  /** The refusal of the destination check, when that is why the call failed; else null. */
  static @Nullable Refusal refusal(Throwable failure) {
    var refused = find(failure, RefusedDestinationException.class);
    return refused == null ? null : refused.refusal();
  }

  /**
   * Why a call to {@code uri} failed, or {@code null} when {@code failure} is a timeout (which the
   * caller reports as such).
   */
  static @Nullable String describe(Throwable failure, URI uri) {
    var address = CallHttpTarget.hostAndPort(uri);
    if (find(failure, HttpTimeoutException.class) != null
        || find(failure, SocketTimeoutException.class) != null) {
      return null;
    }
    if (find(failure, UnresolvedAddressException.class) != null
        || find(failure, UnknownHostException.class) != null) {
      return "unknown host: " + uri.getHost() + " cannot be resolved";
    }
    var connect = find(failure, ConnectException.class);
    if (connect != null) {
      var message = connect.getMessage();
      return message == null || message.toLowerCase(Locale.ROOT).contains("refused")
          ? "connection refused: " + address
          : "cannot connect to " + address + ": " + message;
    }
    if (find(failure, EOFException.class) != null
        || find(failure, NoHttpResponseException.class) != null) {
      return "the connection to " + address + " was closed before an answer arrived";
    }
    var tls = find(failure, SSLException.class);
    if (tls != null) {
      return "TLS handshake with " + address + " failed: " + messageOf(tls);
    }
    return "HTTP call to " + address + " failed: " + messageOf(failure);
  }

  /** The first message in the cause chain, without the class names some exceptions prepend. */
  static String messageOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      var message = t.getMessage();
      if (message != null) {
        message = CLASS_NAME_PREFIX.matcher(message).replaceAll("").strip();
        if (!message.isEmpty()) {
          return message;
        }
      }
    }
    return "the connection was closed without an answer";
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
