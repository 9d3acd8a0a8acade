package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, stop, start again in one JVM: nothing is left running that would keep the JVM alive. */
class EmbeddedKafkaRestartIT {

  @Test
  void shouldStartTwiceInOneJvmAndLeaveNoThreadThatKeepsItAlive() throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    String first;
    Path firstDir;
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      System.out.println("[EmbeddedKafkaRestartIT] first:  " + kafka);
      first = kafka.bootstrapServers();
      firstDir = kafka.directory();
      kafka.createTopic("first", 1);
    }
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      System.out.println("[EmbeddedKafkaRestartIT] second: " + kafka);
      assertNotEquals(first, kafka.bootstrapServers(), "fresh ports for a fresh node");
      kafka.createTopic("second", 2);
      assertEquals(Set.of("second"), topics(kafka), "a fresh node knows nothing of the first");
    }

    assertFalse(Files.exists(firstDir), "temporary directory deleted on close");
    List<String> alive = nonDaemonThreadsStartedSince(before);
    assertTrue(alive.isEmpty(), "threads that would keep the JVM alive: " + alive);
  }

  @Test
  void shouldKeepAGivenDirectoryAfterClose(@TempDir Path dir) {
    Path kafkaDir = dir.resolve("kafka");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(kafkaDir)) {
      kafka.createTopic("kept", 1);
    }
    assertTrue(Files.isRegularFile(kafkaDir.resolve("server.properties")));
    assertTrue(Files.isDirectory(kafkaDir.resolve("data").resolve("kept-0")));
  }

  private static Set<String> topics(EmbeddedKafkaBroker kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin.listTopics().names().get();
    }
  }

  /** Shut-down threads may take a moment to finish after close() returned; give them 5 s. */
  private static List<String> nonDaemonThreadsStartedSince(Set<Thread> before)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<String> alive;
    do {
      Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
      now.removeAll(before);
      alive = now.stream().filter(t -> t.isAlive() && !t.isDaemon()).map(Thread::getName).toList();
      if (!alive.isEmpty()) {
        Thread.sleep(50);
      }
    } while (!alive.isEmpty() && System.nanoTime() < deadline);
    return alive;
  }
}
