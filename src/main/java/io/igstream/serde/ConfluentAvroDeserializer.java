package io.igstream.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format values into a generated Avro class. The WRITER schema is fetched by
 * the id in the header and resolved to the class's schema, so a value written with a newer schema
 * (say, one more optional field) is read by today's class. Every failure is a {@link
 * SerializationException} naming topic, schema id and cause; nothing is ever returned half-read.
 * Thread-safe once configured.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  /** Per thread, the previous record's decoder, reset onto the next record's bytes. */
  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

  private record State(
      SchemaRegistryClient client, Class<? extends SpecificRecord> type, boolean isKey) {}

  private final Class<T> declaredType;
  private final SchemaRegistryClient sharedClient;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
  private volatile State state;

  /** For Kafka's by-class-name instantiation: the type comes from {@code specific.avro.*.type}. */
  public ConfluentAvroDeserializer() {
    this(null, null);
  }

  /** Reads into {@code type}; the client is built from the config given to configure. */
  public ConfluentAvroDeserializer(Class<T> type) {
    this(type, null);
  }

  /** Reads into {@code type} using {@code client} (and its cache). */
  public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this.declaredType = type;
    this.sharedClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Class<? extends SpecificRecord> type = declaredType;
    if (type == null) {
      String key = isKey ? AvroSerdeConfig.KEY_TYPE : AvroSerdeConfig.VALUE_TYPE;
      Class<?> named =
          AvroSerdeConfig.readerType(configs, isKey)
              .orElseThrow(
                  () -> new SerdeConfigException(key + " is required: the class to read into"));
      if (!SpecificRecord.class.isAssignableFrom(named)) {
        throw new SerdeConfigException(key, named.getName(), "not a generated Avro SpecificRecord");
      }
      type = named.asSubclass(SpecificRecord.class);
    }
    SchemaRegistryClient client =
        sharedClient != null ? sharedClient : SchemaRegistryClient.fromConfig(configs);
    readers.clear();
    state = new State(client, type, isKey);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null; // a tombstone stays a tombstone
    }
    State current = state;
    if (current == null) {
      throw new IllegalStateException("ConfluentAvroDeserializer used before configure()");
    }
    String what = (current.isKey() ? "key" : "value") + " from topic '" + topic + "'";
    ConfluentWireFormat.Frame frame;
    try {
      frame = ConfluentWireFormat.parse(data);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Cannot deserialize " + what + ": " + e.getMessage(), e);
    }
    int id = frame.schemaId();
    try {
      SpecificDatumReader<T> reader = readers.computeIfAbsent(id, i -> reader(current, i));
      ByteBuffer payload = frame.payload();
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, ConfluentWireFormat.HEADER_SIZE, payload.remaining(), DECODER.get());
      DECODER.set(decoder);
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IOException(
            "bytes left over after the record: the payload does not match the writer schema");
      }
      return value;
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot deserialize " + what + " with schema id " + id + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot deserialize " + what + " with schema id " + id + ": " + e, e);
    }
  }

  private SpecificDatumReader<T> reader(State current, int id) {
    Schema writer = current.client().schemaById(id);
    SpecificData model = SpecificData.getForClass(current.type());
    Schema reader = model.getSchema(current.type());
    return new SpecificDatumReader<T>(writer, reader, model);
  }
}
