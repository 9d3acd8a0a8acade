package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start failures say what went wrong instead of hanging or leaking a half-started node. */
class EmbeddedKafkaStartFailureTest {

  @Test
  void shouldRefuseADirectoryInUse(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("something.txt"), "not Kafka's");

    var e = assertThrows(EmbeddedKafkaException.class, () -> EmbeddedKafkaBroker.start(dir));

    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void shouldRefuseAFileAsTheDirectory(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "");

    var e = assertThrows(EmbeddedKafkaException.class, () -> EmbeddedKafkaBroker.start(file));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
