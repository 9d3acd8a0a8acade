package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Config keys parse, default and fail with messages naming the key. */
class ExplainerStreamConfigTest {

  @Test
  void shouldDefaultToTheDocumentedTopicsAndBatching() {
    ExplainerStreamConfig c = ExplainerStreamConfig.defaults();
    assertEquals("predictions", c.inputTopic());
    assertEquals("attributions", c.outputTopic());
    assertEquals("predictions-dlq", c.deadLetterTopic());
    assertEquals(Selection.Mode.ALL, c.selection().mode());
    assertEquals(64, c.batchSize());
    assertEquals(Duration.ofMillis(100), c.flushInterval());
    assertEquals(Duration.ofMillis(25), c.punctuationInterval());
  }

  @Test
  void shouldParseEveryKey() {
    ExplainerStreamConfig c =
        ExplainerStreamConfig.fromMap(
            Map.of(
                ExplainerStreamConfig.INPUT_TOPIC_CONFIG,
                "in",
                ExplainerStreamConfig.OUTPUT_TOPIC_CONFIG,
                "out",
                ExplainerStreamConfig.DEAD_LETTER_TOPIC_CONFIG,
                "dead",
                ExplainerStreamConfig.SELECT_CONFIG,
                "threshold",
                ExplainerStreamConfig.THRESHOLD_CONFIG,
                "0.8",
                ExplainerStreamConfig.BATCH_SIZE_CONFIG,
                "16",
                ExplainerStreamConfig.FLUSH_INTERVAL_MS_CONFIG,
                "2000",
                "security.protocol",
                "SASL_SSL"));
    assertEquals("in", c.inputTopic());
    assertEquals("out", c.outputTopic());
    assertEquals("dead", c.deadLetterTopic());
    assertEquals(new Selection(Selection.Mode.THRESHOLD, Optional.of(0.8), 0.1), c.selection());
    assertEquals(16, c.batchSize());
    assertEquals(Duration.ofSeconds(2), c.flushInterval());
  }

  @Test
  void shouldRefuseBadValuesNamingTheKey() {
    assertRefused(ExplainerStreamConfig.SELECT_CONFIG, "some");
    assertRefused(ExplainerStreamConfig.SAMPLE_RATE_CONFIG, "0");
    assertRefused(ExplainerStreamConfig.SAMPLE_RATE_CONFIG, "1.5");
    assertRefused(ExplainerStreamConfig.BATCH_SIZE_CONFIG, "0");
    assertRefused(ExplainerStreamConfig.FLUSH_INTERVAL_MS_CONFIG, "0");
    assertRefused(ExplainerStreamConfig.INPUT_TOPIC_CONFIG, "");
    ConfigException same =
        assertThrows(
            ConfigException.class,
            () ->
                ExplainerStreamConfig.fromMap(
                    Map.of(ExplainerStreamConfig.OUTPUT_TOPIC_CONFIG, "predictions")));
    assertTrue(same.getMessage().contains("must differ"), same.getMessage());
  }

  @Test
  void shouldDocumentEveryKey() {
    for (ConfigDef.ConfigKey key : ExplainerStreamConfig.CONFIG_DEF.configKeys().values()) {
      assertTrue(key.name.startsWith("igstream."), key.name);
      assertFalse(key.documentation == null || key.documentation.isBlank(), key.name);
    }
    // 9 explain and reason-code keys, 11 igstream.drift.* keys, 6 igstream.overload.* keys.
    assertEquals(26, ExplainerStreamConfig.CONFIG_DEF.names().size());
  }

  @Test
  void shouldReadTheOverloadPolicyNeverDegradingByDefault() {
    OverloadPolicy defaults = ExplainerStreamConfig.defaults().overload();
    assertFalse(defaults.enabled());
    assertEquals(OverloadPolicy.Mode.STEPS, defaults.mode());
    OverloadPolicy p =
        ExplainerStreamConfig.fromMap(
                Map.of(
                    ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG, "2500",
                    ExplainerStreamConfig.OVERLOAD_POLICY_CONFIG, "sample",
                    ExplainerStreamConfig.OVERLOAD_SAMPLE_RATE_CONFIG, "0.4",
                    ExplainerStreamConfig.OVERLOAD_STEPS_CONFIG, "12",
                    ExplainerStreamConfig.OVERLOAD_RECOVER_RATIO_CONFIG, "0.25",
                    ExplainerStreamConfig.OVERLOAD_MIN_DEGRADED_MS_CONFIG, "100"))
            .overload();
    assertTrue(p.enabled());
    assertEquals(
        new OverloadPolicy(
            Duration.ofMillis(2500),
            OverloadPolicy.Mode.SAMPLE,
            12,
            0.4,
            0.25,
            Duration.ofMillis(100)),
        p);
    assertRefused(ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG, "-1");
    assertRefused(ExplainerStreamConfig.OVERLOAD_POLICY_CONFIG, "drop");
    assertRefused(ExplainerStreamConfig.OVERLOAD_STEPS_CONFIG, "0");
    assertRefused(ExplainerStreamConfig.OVERLOAD_SAMPLE_RATE_CONFIG, "0");
    assertRefused(ExplainerStreamConfig.OVERLOAD_RECOVER_RATIO_CONFIG, "1.5");
  }

  @Test
  void shouldReadTheReasonCodeTopicAndKeepItApartFromTheOthers() {
    assertEquals("reason-codes", ExplainerStreamConfig.defaults().reasonCodesTopic());
    assertEquals(
        "alerts-why",
        ExplainerStreamConfig.fromMap(
                Map.of(ExplainerStreamConfig.REASON_CODES_TOPIC_CONFIG, "alerts-why"))
            .reasonCodesTopic());
    assertEquals(
        "r2", ExplainerStreamConfig.defaults().withReasonCodesTopic("r2").reasonCodesTopic());
    assertRefused(ExplainerStreamConfig.REASON_CODES_TOPIC_CONFIG, "");
    ConfigException same =
        assertThrows(
            ConfigException.class,
            () ->
                ExplainerStreamConfig.fromMap(
                    Map.of(ExplainerStreamConfig.REASON_CODES_TOPIC_CONFIG, "attributions")));
    assertTrue(
        same.getMessage().contains("reason-code and drift topics must differ"), same.getMessage());
  }

  @Test
  void shouldRunExactlyOnceWithByteArraySerdesAndPassClientSettingsThrough() {
    Properties p =
        StreamsSettings.defaults("app", "broker:9092")
            .toProperties(Map.of("security.protocol", "SASL_SSL", "num.stream.threads", 3));
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("app", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals("broker:9092", p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals(
        Serdes.ByteArraySerde.class.getName(),
        p.get(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG));
    assertEquals(100L, p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals(-1, p.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
    assertEquals(
        2,
        StreamsSettings.defaults("app", "broker:9092")
            .toProperties(Map.of())
            .get(StreamsConfig.NUM_STREAM_THREADS_CONFIG),
        "one stream thread per core of the 2-core target");
    assertEquals("SASL_SSL", p.get("security.protocol"));
    assertEquals(3, p.get("num.stream.threads"), "client settings win over defaults");
    new StreamsConfig(p); // Kafka Streams accepts the result
  }

  @Test
  void shouldRefuseToRunWithoutExactlyOnce() {
    StreamsSettings s = StreamsSettings.defaults("app", "broker:9092");
    assertThrows(
        ConfigException.class,
        () -> s.toProperties(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")));
    assertThrows(
        ConfigException.class,
        () -> s.toProperties(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "other:9092")));
    assertThrows(
        ConfigException.class,
        () -> new StreamsSettings("app", "b:9092", 1, 0, Duration.ofMillis(100)));
  }

  private static void assertRefused(String key, String value) {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ExplainerStreamConfig.fromMap(Map.of(key, value)));
    assertTrue(
        e.getMessage().contains(key) || e.getMessage().contains("sample rate"), e.getMessage());
  }
}
