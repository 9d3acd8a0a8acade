package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {
  private final Properties settings = BrokerSettings.of(Path.of("/tmp/kafka-data"), 9092, 9093);

  @Test
  void shouldOnlyUseSettingNamesKafkaKnows() {
    Set<String> known = KafkaConfig.configDef().names();
    for (String name : settings.stringPropertyNames()) {
      assertTrue(known.contains(name), name + " is not a Kafka 4.3 broker setting");
    }
  }

  @Test
  void shouldGiveEveryInternalTopicOneReplicaOnOneNode() {
    KafkaConfig config = new KafkaConfig(settings);
    for (String name :
        new String[] {
          "offsets.topic.replication.factor",
          "transaction.state.log.replication.factor",
          "transaction.state.log.min.isr",
          "share.coordinator.state.topic.replication.factor",
          "share.coordinator.state.topic.min.isr"
        }) {
      assertEquals("1", String.valueOf(config.values().get(name)), name);
    }
  }

  @Test
  void shouldLeaveTopicCreationToTheApp() {
    assertEquals(false, new KafkaConfig(settings).values().get("auto.create.topics.enable"));
  }

  @Test
  void shouldAdvertiseTheBrokerPortOnTheLoopbackAddress() {
    assertEquals("PLAINTEXT://127.0.0.1:9092", settings.getProperty("advertised.listeners"));
    assertEquals("127.0.0.1:9093", settings.getProperty("controller.quorum.bootstrap.servers"));
  }
}
