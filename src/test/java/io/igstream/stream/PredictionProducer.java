package io.igstream.stream;

import io.igstream.avro.PredictionEvent;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.serde.SchemaRegistryClientConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends prediction events (Confluent Avro, keyed by id) and remembers how far each input partition
 * has been written: the offsets the explainer must have committed to have consumed them all.
 */
final class PredictionProducer implements AutoCloseable {
  private final String topic;
  private final KafkaProducer<String, PredictionEvent> producer;
  private final Map<TopicPartition, Long> endOffsets = new HashMap<>();

  PredictionProducer(String bootstrap, String registryUrl, String topic) {
    this.topic = topic;
    ConfluentAvroSerializer<PredictionEvent> values = new ConfluentAvroSerializer<>();
    values.configure(Map.of(SchemaRegistryClientConfig.URL, registryUrl), false);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            values);
  }

  /** Sends every event and waits until each is acknowledged. */
  void sendAll(List<PredictionEvent> events) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (PredictionEvent e : events) {
      acks.add(producer.send(new ProducerRecord<>(topic, e.getId(), e)));
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> ack : acks) {
        RecordMetadata m = ack.get();
        endOffsets.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("cannot produce to " + topic, e);
    }
  }

  /** Per partition, the offset after the last event sent. */
  Map<TopicPartition, Long> endOffsets() {
    return Map.copyOf(endOffsets);
  }

  @Override
  public void close() {
    producer.close();
  }
}
