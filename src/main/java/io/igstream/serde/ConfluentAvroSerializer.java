package io.igstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format, registering (or looking up) the
 * schema under {@code <topic>-value} / {@code <topic>-key}. Every failure is a {@link
 * SerializationException} naming topic, subject or schema id, and cause: no bytes are ever written
 * without a registered schema id in front. Thread-safe once configured.
 *
 * <p>Configure with {@link SchemaRegistryClientConfig} and {@link AvroSerdeConfig} keys, or pass a
 * shared {@link SchemaRegistryClient} to the constructor (then only the serde keys are read).
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  private record State(SchemaRegistryClient client, AvroSerdeConfig serde, boolean isKey) {}

  /**
   * Per thread, the encoder of the previous record, reconfigured for the next: a new one allocates
   * a 2 KiB buffer, once per attribution on the stream threads. (Writers are stateless.)
   */
  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();

  private static final Map<Schema, SpecificDatumWriter<SpecificRecord>> WRITERS =
      new ConcurrentHashMap<>();

  private final SchemaRegistryClient sharedClient;
  private volatile State state;

  /** A serializer that builds its own caching client from the config given to configure. */
  public ConfluentAvroSerializer() {
    this.sharedClient = null;
  }

  /** A serializer using {@code client} (and its cache); configure still reads the serde keys. */
  public ConfluentAvroSerializer(SchemaRegistryClient client) {
    this.sharedClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SchemaRegistryClient client =
        sharedClient != null ? sharedClient : SchemaRegistryClient.fromConfig(configs);
    state = new State(client, AvroSerdeConfig.parse(configs), isKey);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null; // a tombstone stays a tombstone
    }
    State current = state;
    if (current == null) {
      throw new IllegalStateException("ConfluentAvroSerializer used before configure()");
    }
    String subject = AvroSerdeConfig.subject(topic, current.isKey());
    Schema own = record.getSchema();
    int id;
    Schema writerSchema;
    try {
      if (current.serde().useLatestVersion()) {
        RegisteredSchema latest = current.client().latest(subject);
        id = latest.id();
        writerSchema = latest.schema();
      } else if (current.serde().autoRegisterSchemas()) {
        id = current.client().register(subject, own);
        writerSchema = own;
      } else {
        id = current.client().lookup(subject, own).id();
        writerSchema = own;
      }
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          String.format(
              "Cannot serialize %s for topic '%s': no schema id for subject '%s': %s",
              own.getFullName(), topic, subject, e.getMessage()),
          e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(ConfluentWireFormat.header(id));
      if (writerSchema.equals(own)) {
        write(record, own, out);
      } else {
        writeResolved(record, own, writerSchema, out);
      }
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          String.format(
              "Cannot serialize %s for topic '%s' with schema id %d (subject '%s'): %s",
              own.getFullName(), topic, id, subject, e),
          e);
    }
  }

  private static void write(SpecificRecord record, Schema schema, ByteArrayOutputStream out)
      throws IOException {
    SpecificDatumWriter<SpecificRecord> writer =
        WRITERS.computeIfAbsent(
            schema, k -> new SpecificDatumWriter<>(k, SpecificData.getForClass(record.getClass())));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
    ENCODER.set(encoder);
    writer.write(record, encoder);
    encoder.flush();
  }

  /**
   * {@code use.latest.version}: the record's schema differs from the registered one, so resolve the
   * record to it (as a reader of the record's schema would) and write that. Fails when the latest
   * schema cannot read the record (e.g. it requires a field the record lacks).
   */
  private static void writeResolved(
      SpecificRecord record, Schema own, Schema target, ByteArrayOutputStream out)
      throws IOException {
    ByteArrayOutputStream ownBytes = new ByteArrayOutputStream(256);
    write(record, own, ownBytes);
    GenericRecord resolved =
        new GenericDatumReader<GenericRecord>(own, target)
            .read(null, DecoderFactory.get().binaryDecoder(ownBytes.toByteArray(), null));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(target).write(resolved, encoder);
    encoder.flush();
  }
}
