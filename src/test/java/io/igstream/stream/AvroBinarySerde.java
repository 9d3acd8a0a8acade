package io.igstream.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Test-only plain Avro binary serde (no registry, no wire-format header): the topology takes serdes
 * as collaborators, and the Confluent-format serde is wired in by the app.
 */
final class AvroBinarySerde<T extends SpecificRecord> implements Serializer<T>, Deserializer<T> {
  private final Schema schema;

  AvroBinarySerde(Schema schema) {
    this.schema = schema;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<T>(schema).write(data, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return new SpecificDatumReader<T>(schema)
          .read(null, DecoderFactory.get().binaryDecoder(data, null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("not Avro " + schema.getName(), e);
    }
  }
}
