package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serde against the embedded registry over real HTTP, with real Avro bytes. */
class ConfluentAvroSerdeTest {
  private EmbeddedSchemaRegistry registry;
  private Map<String, Object> config;

  @BeforeEach
  void startRegistry() {
    registry = EmbeddedSchemaRegistry.builder().build().start();
    config = TestEvents.config(registry.url());
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldRoundTripAPredictionEvent() {
    PredictionEvent event = TestEvents.prediction("p-1");

    PredictionEvent back = roundTrip(PredictionEvent.class, "predictions", event);

    assertEquals(event, back);
    assertEquals(Instant.ofEpochMilli(1_764_000_000_123L), back.getEventTime());
  }

  @Test
  void shouldRoundTripAnAttributionEvent() {
    AttributionEvent event = TestEvents.attribution("p-1");

    assertEquals(event, roundTrip(AttributionEvent.class, "attributions", event));
  }

  @Test
  void shouldWriteTheBytesTheSpecificationsPrescribe() {
    // A fresh registry gives the first schema id 1. The Avro bytes are written by hand from
    // https://avro.apache.org/docs/1.12.0/specification/#binary-encoding, the 5-byte header from
    // https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format
    PredictionEvent event =
        PredictionEvent.newBuilder()
            .setId("p1")
            .setModel("m")
            .setEventTime(Instant.ofEpochMilli(1))
            .setFeatures(List.of(1.0))
            .build();
    byte[] golden = {
      0x00,
      0x00,
      0x00,
      0x00,
      0x01, // magic byte, schema id 1 (big-endian int32)
      0x04,
      'p',
      '1', // id: length 2 zig-zags to 4
      0x02,
      'm', // model: length 1
      0x00, // modelVersion: union branch 0 (null)
      0x02, // eventTime: 1 ms zig-zags to 2
      0x02,
      0,
      0,
      0,
      0,
      0,
      0,
      (byte) 0xf0,
      0x3f,
      0x00, // features: 1 item, 1.0 little-endian, end
      0x00, // score: null
      0x00, // baseline: null
      0x00 // attributes: empty map
    };

    try (ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>()) {
      serializer.configure(config, false);
      assertArrayEquals(golden, serializer.serialize("predictions", event));
    }
  }

  @Test
  void shouldRegisterUnderTheTopicNameStrategySubjects() {
    SchemaRegistryClient client = SchemaRegistryClient.fromConfig(config);
    try (ConfluentAvroSerializer<PredictionEvent> keys = new ConfluentAvroSerializer<>(client);
        ConfluentAvroSerializer<PredictionEvent> values = new ConfluentAvroSerializer<>(client)) {
      keys.configure(config, true);
      values.configure(config, false);

      keys.serialize("predictions", TestEvents.prediction("k"));
      values.serialize("predictions", TestEvents.prediction("v"));
    }

    assertEquals(1, client.latest("predictions-key").version());
    assertEquals(1, client.latest("predictions-value").version());
  }

  @Test
  void shouldMakeNoHttpCallsOnceTheSchemaIdsAreCached() {
    try (ConfluentAvroSerde<PredictionEvent> serde =
        new ConfluentAvroSerde<>(PredictionEvent.class)) {
      serde.configure(config, false);
      byte[] first = serde.serializer().serialize("predictions", TestEvents.prediction("1"));
      serde.deserializer().deserialize("predictions", first);
      long afterWarmUp = registry.requestCount();

      for (int i = 0; i < 100; i++) {
        byte[] bytes = serde.serializer().serialize("predictions", TestEvents.prediction("n" + i));
        assertEquals("n" + i, serde.deserializer().deserialize("predictions", bytes).getId());
      }

      assertEquals(2, afterWarmUp, "one register, one schema fetch by id");
      assertEquals(afterWarmUp, registry.requestCount());
    }
  }

  @Test
  void shouldRefuseToWriteAnUnregisteredSchemaWhenAutoRegisterIsOff() {
    Map<String, Object> noRegister = new HashMap<>(config);
    noRegister.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
    try (ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>()) {
      serializer.configure(noRegister, false);

      SerializationException e =
          assertThrows(
              SerializationException.class,
              () -> serializer.serialize("predictions", TestEvents.prediction("1")));

      assertTrue(e.getMessage().contains("topic 'predictions'"), e.getMessage());
      assertTrue(e.getMessage().contains("subject 'predictions-value'"), e.getMessage());
      assertTrue(e.getMessage().contains("error_code 40401"), e.getMessage());
    }
    SchemaRegistryException nothingRegistered =
        assertThrows(
            SchemaRegistryException.class,
            () -> SchemaRegistryClient.fromConfig(config).latest("predictions-value"));
    assertEquals(40401, nothingRegistered.errorCode());
  }

  @Test
  void shouldLookUpButNotRegisterWhenAutoRegisterIsOff() {
    SchemaRegistryClient client = SchemaRegistryClient.fromConfig(config);
    int id = client.register("predictions-value", PredictionEvent.getClassSchema());
    Map<String, Object> noRegister = new HashMap<>(config);
    noRegister.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
    try (ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>()) {
      serializer.configure(noRegister, false);

      byte[] bytes = serializer.serialize("predictions", TestEvents.prediction("1"));

      assertEquals(id, ConfluentWireFormat.parse(bytes).schemaId());
    }
  }

  @Test
  void shouldExplainANonWireFormatPayloadInsteadOfReturningIt() {
    try (ConfluentAvroDeserializer<PredictionEvent> deserializer =
        new ConfluentAvroDeserializer<>(PredictionEvent.class)) {
      deserializer.configure(config, false);
      byte[] json = "{\"id\":\"p-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

      SerializationException e =
          assertThrows(
              SerializationException.class, () -> deserializer.deserialize("predictions", json));

      assertEquals(
          "Cannot deserialize value from topic 'predictions': "
              + "not in Confluent wire format (magic byte 0x7b, expected 0x00)",
          e.getMessage());
    }
  }

  @Test
  void shouldNameTopicAndSchemaIdWhenTheIdIsUnknown() {
    try (ConfluentAvroDeserializer<PredictionEvent> deserializer =
        new ConfluentAvroDeserializer<>(PredictionEvent.class)) {
      deserializer.configure(config, false);

      SerializationException e =
          assertThrows(
              SerializationException.class,
              () ->
                  deserializer.deserialize(
                      "predictions", ConfluentWireFormat.frame(999, new byte[] {2})));

      assertTrue(e.getMessage().contains("topic 'predictions'"), e.getMessage());
      assertTrue(e.getMessage().contains("schema id 999"), e.getMessage());
      assertTrue(e.getMessage().contains("error_code 40403"), e.getMessage());
    }
  }

  @Test
  void shouldRefuseAPayloadThatDoesNotMatchItsWriterSchema() {
    try (ConfluentAvroSerde<PredictionEvent> serde =
        new ConfluentAvroSerde<>(PredictionEvent.class)) {
      serde.configure(config, false);
      byte[] bytes = serde.serializer().serialize("predictions", TestEvents.prediction("1"));
      byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
      byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 2);

      SerializationException cut =
          assertThrows(
              SerializationException.class, () -> serde.deserializer().deserialize("t", truncated));
      SerializationException extra =
          assertThrows(
              SerializationException.class, () -> serde.deserializer().deserialize("t", padded));

      assertTrue(cut.getMessage().contains("schema id 1"), cut.getMessage());
      assertTrue(extra.getMessage().contains("bytes left over"), extra.getMessage());
    }
  }

  @Test
  void shouldKeepTombstonesNull() {
    try (ConfluentAvroSerde<PredictionEvent> serde =
        new ConfluentAvroSerde<>(PredictionEvent.class)) {
      serde.configure(config, false);

      assertNull(serde.serializer().serialize("predictions", null));
      assertNull(serde.deserializer().deserialize("predictions", null));
    }
    assertEquals(0, registry.requestCount());
  }

  @Test
  void shouldReadIntoTheClassNamedInTheConfig() {
    Map<String, Object> byName = new HashMap<>(config);
    byName.put(AvroSerdeConfig.VALUE_TYPE, PredictionEvent.class.getName());
    try (ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
        ConfluentAvroDeserializer<PredictionEvent> deserializer =
            new ConfluentAvroDeserializer<>()) {
      serializer.configure(config, false);
      deserializer.configure(byName, false);

      PredictionEvent event = TestEvents.prediction("by-name");

      assertEquals(event, deserializer.deserialize("t", serializer.serialize("t", event)));
    }
  }

  @Test
  void shouldServeManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (ConfluentAvroSerde<PredictionEvent> serde =
        new ConfluentAvroSerde<>(PredictionEvent.class)) {
      serde.configure(config, false);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    PredictionEvent event = TestEvents.prediction(thread + "-" + i);
                    byte[] bytes = serde.serializer().serialize("predictions", event);
                    if (!event.equals(serde.deserializer().deserialize("predictions", bytes))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, SchemaRegistryClient.fromConfig(config).latest("predictions-value").version());
  }

  private <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(
      Class<T> type, String topic, T event) {
    try (ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>(type)) {
      serde.configure(config, false);
      byte[] bytes = serde.serializer().serialize(topic, event);
      assertEquals(0, bytes[0]);
      return serde.deserializer().deserialize(topic, bytes);
    }
  }
}
