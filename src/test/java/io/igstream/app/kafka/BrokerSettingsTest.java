package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
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
  void shouldLetTheBrokerWaitForTheLastTransactionsMarkersBeforeRefusingTheNext() {
    assertEquals(
        1000,
        new KafkaConfig(settings).values().get("add.partitions.to.txn.retry.backoff.max.ms"),
        "the broker's own default is 100 ms");
  }

  @Test
  void shouldLeaveTopicCreationToTheApp() {
    assertEquals(false, new KafkaConfig(settings).values().get("auto.create.topics.enable"));
  }

  @Test
  void shouldTakeSaslSslOnTheClientListenerAndKeepThePlaintextOneInternal() {
    SaslSslListener tls =
        new SaslSslListener(Path.of("/tmp/broker.p12"), "pw", Map.of("bob", "b0b", "amy", "a"));
    Properties secure = BrokerSettings.secure(Path.of("/tmp/kafka-data"), 9092, 9093, 9094, tls);
    Set<String> known = KafkaConfig.configDef().names();
    String prefix = "listener.name.sasl_ssl.";
    for (String name : secure.stringPropertyNames()) {
      String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      assertTrue(
          known.contains(bare) || bare.equals("plain.sasl.jaas.config"),
          name + " is not a Kafka 4.3 broker setting");
    }
    KafkaConfig config = new KafkaConfig(secure);
    assertEquals("INTERNAL", config.interBrokerListenerName().value());
    assertEquals(
        "SASL_SSL://127.0.0.1:9092,INTERNAL://127.0.0.1:9094",
        secure.getProperty("advertised.listeners"));
    assertEquals(
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " user_amy=\"a\" user_bob=\"b0b\";",
        secure.getProperty(prefix + "plain.sasl.jaas.config"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SaslSslListener(Path.of("k"), "pw", Map.of("eve", "quote\"d")));
  }

  @Test
  void shouldAdvertiseTheBrokerPortOnTheLoopbackAddress() {
    assertEquals("PLAINTEXT://127.0.0.1:9092", settings.getProperty("advertised.listeners"));
    assertEquals("127.0.0.1:9093", settings.getProperty("controller.quorum.bootstrap.servers"));
  }
}
