package io.igstream.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link Serde} for one generated Avro class: {@link ConfluentAvroSerializer} plus {@link
 * ConfluentAvroDeserializer}, configured together. Build one instance per topic handle; never keep
 * it in a static field.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final ConfluentAvroSerializer<T> serializer;
  private final ConfluentAvroDeserializer<T> deserializer;

  /** Each side builds its client from the config given to configure. */
  public ConfluentAvroSerde(Class<T> type) {
    this(type, null);
  }

  /** Both sides share {@code client} and its cache (null: build one from the config). */
  public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client) {
    this.serializer =
        client == null ? new ConfluentAvroSerializer<>() : new ConfluentAvroSerializer<>(client);
    this.deserializer = new ConfluentAvroDeserializer<>(type, client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
