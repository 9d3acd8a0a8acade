package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A port taken between picking it and binding it: the start retries, or says so clearly. */
class EmbeddedKafkaPortConflictIT {

  @Test
  void shouldRetryWithOtherPortsWhenTheBrokerPortIsTaken() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (ServerSocket squatter = takePort()) {
      int taken = squatter.getLocalPort();
      Path dir = Files.createTempDirectory("igstream-kafka-conflict-");
      try (EmbeddedKafkaBroker kafka =
          EmbeddedKafkaBroker.start(
              dir,
              true,
              () -> {
                int[] free = FreePorts.pick(BrokerSettings.HOST, 2);
                return asked.getAndIncrement() == 0 ? new int[] {taken, free[1]} : free;
              })) {
        assertTrue(asked.get() >= 2, "asked for new ports after the conflict");
        assertNotEquals(BrokerSettings.HOST + ":" + taken, kafka.bootstrapServers());
        kafka.createTopic("after-conflict", 1);
      }
    }
  }

  @Test
  void shouldGiveUpWithAClearMessageWhenPortsStayTaken() throws Exception {
    try (ServerSocket squatter = takePort()) {
      int taken = squatter.getLocalPort();
      Path dir = Files.createTempDirectory("igstream-kafka-conflict-");

      var e =
          assertThrows(
              EmbeddedKafkaException.class,
              () ->
                  EmbeddedKafkaBroker.start(
                      dir,
                      true,
                      () -> new int[] {taken, FreePorts.pick(BrokerSettings.HOST, 1)[0]}));

      assertTrue(e.getMessage().contains("port " + taken + " (broker)"), e.getMessage());
      assertFalse(Files.exists(dir), "temporary directory deleted after the failed start");
    }
  }

  private static ServerSocket takePort() throws Exception {
    return new ServerSocket(0, 1, InetAddress.getByName(BrokerSettings.HOST));
  }
}
