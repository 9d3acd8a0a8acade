package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.PredictionEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP basic auth, both credential sources Confluent's clients know. */
class BasicAuthTest {
  private EmbeddedSchemaRegistry registry;

  @BeforeEach
  void startRegistry() {
    registry =
        EmbeddedSchemaRegistry.builder().basicAuth("igstream", "s3cret:with-colon").build().start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldAuthenticateWithUserInfo() {
    Map<String, Object> config = new HashMap<>(TestEvents.config(registry.url()));
    config.put(SchemaRegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO");
    config.put(SchemaRegistryClientConfig.USER_INFO, "igstream:s3cret:with-colon");

    try (ConfluentAvroSerde<PredictionEvent> serde =
        new ConfluentAvroSerde<>(PredictionEvent.class)) {
      serde.configure(config, false);
      PredictionEvent event = TestEvents.prediction("auth");

      assertEquals(
          event, serde.deserializer().deserialize("t", serde.serializer().serialize("t", event)));
    }
  }

  @Test
  void shouldAuthenticateWithCredentialsInTheUrl() {
    String url = registry.url().replace("://", "://igstream:s3cret%3Awith-colon@");
    SchemaRegistryClient client = SchemaRegistryClient.fromConfig(TestEvents.config(url));

    int id = client.register("t-value", PredictionEvent.getClassSchema());

    assertEquals(PredictionEvent.getClassSchema(), client.schemaById(id));
  }

  @Test
  void shouldSurfaceA401ForWrongCredentials() {
    Map<String, Object> config = new HashMap<>(TestEvents.config(registry.url()));
    config.put(SchemaRegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO");
    config.put(SchemaRegistryClientConfig.USER_INFO, "igstream:wrong");

    SchemaRegistryException e =
        assertThrows(
            SchemaRegistryException.class,
            () -> SchemaRegistryClient.fromConfig(config).schemaById(1));

    assertEquals(401, e.httpStatus());
    assertEquals(401, e.errorCode());
  }

  @Test
  void shouldNotSerializeWithoutCredentials() {
    try (ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>()) {
      serializer.configure(TestEvents.config(registry.url()), false);

      SerializationException e =
          assertThrows(
              SerializationException.class,
              () -> serializer.serialize("t", TestEvents.prediction("anonymous")));

      assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    }
  }

  @Test
  void shouldRejectUserInfoWithoutAPassword() {
    Map<String, Object> config = new HashMap<>(TestEvents.config(registry.url()));
    config.put(SchemaRegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO");
    config.put(SchemaRegistryClientConfig.USER_INFO, "igstream");

    assertThrows(SerdeConfigException.class, () -> SchemaRegistryClientConfig.parse(config));
  }
}
