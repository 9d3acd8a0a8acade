package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.PredictionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PredictionEvent evolving under the registry's default BACKWARD compatibility: what today's
 * generated class can read, and what the registry refuses.
 */
class SchemaEvolutionTest {
  private static final String TOPIC = "predictions";
  private static final String SUBJECT = "predictions-value";

  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void startRegistry() {
    registry = EmbeddedSchemaRegistry.builder().build().start();
    client = SchemaRegistryClient.fromConfig(TestEvents.config(registry.url()));
    client.register(SUBJECT, PredictionEvent.getClassSchema());
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldReadAnEventWrittenWithANewerSchemaIntoTodaysClass() throws IOException {
    Schema newer = withExtraField(nullableString("channel"));
    int newerId = client.register(SUBJECT, newer);
    GenericRecord written = new GenericData.Record(newer);
    PredictionEvent today = TestEvents.prediction("evolved");
    for (Schema.Field field : PredictionEvent.getClassSchema().getFields()) {
      written.put(field.name(), GenericData.get().deepCopy(field.schema(), raw(today, field)));
    }
    written.put("channel", "mobile");

    PredictionEvent read;
    try (ConfluentAvroDeserializer<PredictionEvent> deserializer =
        new ConfluentAvroDeserializer<>(PredictionEvent.class)) {
      deserializer.configure(TestEvents.config(registry.url()), false);
      read =
          deserializer.deserialize(TOPIC, ConfluentWireFormat.frame(newerId, avro(newer, written)));
    }

    assertNotEquals(1, newerId);
    assertEquals(today, read);
  }

  @Test
  void shouldRejectANewRequiredFieldWithoutADefault() {
    Schema newer = withExtraField(new Schema.Field("channel", Schema.create(Schema.Type.STRING)));

    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.register(SUBJECT, newer));

    assertEquals(409, e.httpStatus());
    assertEquals(409, e.errorCode());
    assertTrue(e.getMessage().contains("channel"), e.getMessage());
    assertEquals(false, client.isCompatible(SUBJECT, newer));
  }

  @Test
  void shouldRejectAChangedFieldType() {
    Schema featuresAsString = replaceField("features", Schema.create(Schema.Type.STRING));

    SchemaRegistryException e =
        assertThrows(
            SchemaRegistryException.class, () -> client.register(SUBJECT, featuresAsString));

    assertEquals(409, e.httpStatus());
    assertEquals(409, e.errorCode());
  }

  @Test
  void shouldAcceptAnyChangeUnderNone() {
    client.setCompatibility(SUBJECT, CompatibilityLevel.NONE);

    int id = client.register(SUBJECT, replaceField("features", Schema.create(Schema.Type.STRING)));

    assertEquals(2, client.latest(SUBJECT).version());
    assertEquals(id, client.latest(SUBJECT).id());
  }

  @Test
  void shouldWriteWithTheLatestSchemaWhenAskedTo() throws IOException {
    Schema newer = withExtraField(nullableString("channel"));
    int newerId = client.register(SUBJECT, newer);
    Map<String, Object> config = new HashMap<>(TestEvents.config(registry.url()));
    config.put(AvroSerdeConfig.USE_LATEST_VERSION, "true");
    PredictionEvent event = TestEvents.prediction("latest");

    byte[] bytes;
    try (ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>()) {
      serializer.configure(config, false);
      bytes = serializer.serialize(TOPIC, event);
    }

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(bytes);
    assertEquals(newerId, frame.schemaId());
    GenericRecord asWritten =
        new GenericDatumReader<GenericRecord>(newer)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertEquals("latest", asWritten.get("id").toString());
    assertEquals(null, asWritten.get("channel"));
    try (ConfluentAvroDeserializer<PredictionEvent> deserializer =
        new ConfluentAvroDeserializer<>(PredictionEvent.class)) {
      deserializer.configure(config, false);
      assertEquals(event, deserializer.deserialize(TOPIC, bytes));
    }
  }

  private static Object raw(PredictionEvent event, Schema.Field field) {
    Object value = event.get(field.pos());
    return value instanceof java.time.Instant instant ? instant.toEpochMilli() : value;
  }

  private static Schema.Field nullableString(String name) {
    return new Schema.Field(
        name,
        SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
        "Added later: how the prediction was requested.",
        Schema.Field.NULL_DEFAULT_VALUE);
  }

  /** PredictionEvent as today plus {@code extra} at the end. */
  private static Schema withExtraField(Schema.Field extra) {
    List<Schema.Field> fields = copyFields(PredictionEvent.getClassSchema());
    fields.add(extra);
    return record(fields);
  }

  private static Schema replaceField(String name, Schema type) {
    List<Schema.Field> fields = copyFields(PredictionEvent.getClassSchema());
    fields.replaceAll(f -> f.name().equals(name) ? new Schema.Field(name, type) : f);
    return record(fields);
  }

  private static List<Schema.Field> copyFields(Schema schema) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    return fields;
  }

  private static Schema record(List<Schema.Field> fields) {
    Schema today = PredictionEvent.getClassSchema();
    return Schema.createRecord(
        today.getName(), today.getDoc(), today.getNamespace(), false, fields);
  }

  private static byte[] avro(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
