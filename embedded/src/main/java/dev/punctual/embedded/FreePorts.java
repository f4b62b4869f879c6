package dev.punctual.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds ports nobody listens on, for servers that must be told their port before they start. */
public final class FreePorts {

  private FreePorts() {}

  /** {@code requested} if it is not 0, else {@link #any()}. */
  public static int orFree(int requested) {
    return requested != 0 ? requested : any();
  }

  /** A port that was free a moment ago on loopback. */
  public static int any() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
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
