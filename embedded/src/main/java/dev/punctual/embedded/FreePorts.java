package dev.punctual.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds ports nobody listens on, for servers that must be told their port before they start. */
public final class FreePorts {

  /**
   * Every port {@link #any()} returned in this JVM. The kernel may hand the same ephemeral port to
   * two probes in a row once the first probe's socket is closed, and a broker told the same port
   * for two listeners refuses to start; a port given out once is never given out again here.
   */
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private static final int ATTEMPTS = 100;

  private FreePorts() {}

  /** {@code requested} if it is not 0, else {@link #any()}. */
  public static int orFree(int requested) {
    return requested != 0 ? requested : any();
  }

  /** A port that was free a moment ago on loopback, and not returned before by this JVM. */
  public static int any() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = probe();
      if (GIVEN.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no loopback port that was not given out before after " + ATTEMPTS + " attempts");
  }

  private static int probe() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on loopback", e);
    }
  }

  /** Whether nobody listens on {@code port} on loopback right now. */
  public static boolean isFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
