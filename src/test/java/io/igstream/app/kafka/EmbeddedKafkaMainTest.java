package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.kafka.EmbeddedKafkaMain.TopicArg;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaMainTest {

  @Test
  void shouldReadTopicsWithAndWithoutPartitions() {
    assertEquals(
        List.of(new TopicArg("events", 3), new TopicArg("explanations", 1)),
        EmbeddedKafkaMain.parse(new String[] {"events:3", "explanations"}));
  }

  @Test
  void shouldRejectNonsensePartitionCounts() {
    for (String bad : new String[] {"events:0", "events:x", "events:", ":3", "a:1:2"}) {
      assertThrows(
          IllegalArgumentException.class, () -> EmbeddedKafkaMain.parse(new String[] {bad}));
    }
  }

  @Test
  void shouldTellUsersWhereToAttach() {
    String banner = EmbeddedKafkaMain.banner("127.0.0.1:40123", 2900);

    assertTrue(banner.contains("kcat -b 127.0.0.1:40123"), banner);
    assertTrue(banner.contains("2900 ms"), banner);
  }
}
