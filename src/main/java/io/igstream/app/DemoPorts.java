package io.igstream.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small chores of the demo: a port that is free, a temp directory removed afterwards. */
final class DemoPorts {
  private DemoPorts() {}

  /** {@code preferred} when it is free, else any free port (so a second demo still starts). */
  static int freeOr(int preferred) {
    if (preferred == 0) {
      return 0;
    }
    try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException busy) {
      return 0;
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
