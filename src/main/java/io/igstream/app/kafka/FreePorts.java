package io.igstream.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports the OS just handed out as free. The controller's port is written into the storage at format
 * time (the standalone voter record), so Kafka cannot be told "port 0"; we ask the OS for a free
 * port, release it and pass the number on. Another process may grab it in between: the caller
 * retries on a bind failure.
 */
final class FreePorts {
  private FreePorts() {}

  /** {@code count} distinct ports on {@code host} that were free a moment ago. */
  static int[] pick(String host, int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        // Held open until all are picked, so the OS cannot hand out the same port twice.
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host));
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that accepted nothing does not fail in practice.
        }
      }
    }
  }
}
