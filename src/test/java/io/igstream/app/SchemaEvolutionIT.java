package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.serde.ConfluentWireFormat;
import io.igstream.serde.SchemaRegistryClient;
import io.igstream.serde.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer that moved to a newer PredictionEvent (an added optional field) keeps being explained;
 * a change old readers could not read is refused by the registry.
 */
class SchemaEvolutionIT {
  private static final String SUBJECT = "predictions-value";

  @TempDir Path dir;

  @Test
  void shouldExplainAnEventWrittenWithANewerSchemaAndRefuseAnIncompatibleOne() throws Exception {
    try (ExplainerStack stack = new ExplainerStack(dir)) {
      SchemaRegistryClient client = SchemaRegistryClient.fromConfig(stack.registryConfig());
      client.register(SUBJECT, PredictionEvent.getClassSchema());
      Schema newer =
          withField(new Schema.Field("channel", Schema.create(Schema.Type.STRING), "", "web"));
      int newerId = client.register(SUBJECT, newer);
      GenericRecord event = new GenericData.Record(newer);
      List<Double> features = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        features.add(0.1 * i);
      }
      event.put("id", "evolved-1");
      event.put("model", "fraud-demo");
      event.put("eventTime", System.currentTimeMillis());
      event.put("features", features);
      event.put("attributes", Map.of("account_id", "a-1"));
      event.put("channel", "mobile");
      produce(stack, ConfluentWireFormat.frame(newerId, avro(newer, event)));

      List<AttributionEvent> out = stack.readAttributions(1, Duration.ofSeconds(60));
      assertEquals(1, out.size());
      assertEquals("evolved-1", out.get(0).getId());
      assertEquals("a-1", out.get(0).getAttributes().get("account_id"));

      Schema incompatible =
          withField(new Schema.Field("region", Schema.create(Schema.Type.STRING)));
      SchemaRegistryException e =
          assertThrows(SchemaRegistryException.class, () -> client.register(SUBJECT, incompatible));
      assertEquals(409, e.httpStatus());
    }
  }

  private static Schema withField(Schema.Field extra) {
    Schema base = PredictionEvent.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(extra);
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  private static byte[] avro(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  private static void produce(ExplainerStack stack, byte[] value) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("predictions", "a-1".getBytes(), value));
    }
  }
}
