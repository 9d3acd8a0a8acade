package io.igstream.app.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's directory: {@code server.properties} and the log directory {@code data/}, formatted
 * the way {@code kafka-storage.sh format --standalone} does it ({@code StorageTool.execute}, the
 * Kafka 4.3.1 entry point behind that script, whose command-line arguments are its stable API).
 */
final class KraftStorage {
  private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);

  private KraftStorage() {}

  /**
   * Writes {@code props} ({@link BrokerSettings}, log directory {@code root/data}) to {@code
   * root/server.properties} and formats {@code root/data} as a one-voter quorum; returns them.
   */
  static Properties format(Path root, String clusterId, Properties props) {
    Path data = root.resolve("data");
    Path file = root.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "igstream embedded Kafka " + AppInfoParser.getVersion());
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot write " + file, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      String[] args = {
        "format", "--config", file.toString(), "--cluster-id", clusterId, "--standalone"
      };
      int code = StorageTool.execute(args, print);
      if (code != 0) {
        throw new EmbeddedKafkaException(
            "cannot format Kafka storage in " + data + " (exit " + code + "): " + output);
      }
    } catch (EmbeddedKafkaException e) {
      throw e;
    } catch (Exception e) { // FormatterException, TerseFailure, config errors
      throw new EmbeddedKafkaException(
          "cannot format Kafka storage in " + data + ": " + e.getMessage() + " " + output, e);
    }
    LOG.debug("{}", output);
    return props;
  }

  /** Creates {@code dir} if absent; refuses one with anything in it. */
  static void requireEmpty(Path dir) {
    try {
      Files.createDirectories(dir);
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new EmbeddedKafkaException("Kafka directory is not empty: " + dir);
        }
      }
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot use " + dir + " as the Kafka directory", e);
    }
  }

  /** Empties {@code dir} (what a failed attempt left) for another attempt. */
  static void deleteContents(Path dir) {
    try (var entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Utils.delete(entry.toFile());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + " for another attempt", e);
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      LOG.warn("could not delete Kafka directory {}: {}", dir, e.toString());
    }
  }
}
