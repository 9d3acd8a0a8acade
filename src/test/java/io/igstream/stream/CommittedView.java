package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.SchemaRegistryClientConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the explainer has COMMITTED, as the broker sees it: the consumer group's committed input
 * offsets and the read_committed output. Under exactly_once_v2 both are written by the same
 * transactions, so "offsets cover an event, output lacks it" means: at the last commit the event
 * was consumed and not yet explained, i.e. it sat in the buffer.
 */
final class CommittedView implements AutoCloseable {
  private final CrashNames names;
  private final Admin admin;
  private final KafkaConsumer<byte[], AttributionEvent> attributions;
  private final KafkaConsumer<byte[], byte[]> deadLetters;
  private final List<String> attributedIds = new ArrayList<>();
  private long deadLettered;

  CommittedView(String bootstrap, String registryUrl, CrashNames names, int partitions) {
    this.names = names;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    ConfluentAvroDeserializer<AttributionEvent> values =
        new ConfluentAvroDeserializer<>(AttributionEvent.class);
    values.configure(Map.of(SchemaRegistryClientConfig.URL, registryUrl), false);
    this.attributions = new KafkaConsumer<>(config, new ByteArrayDeserializer(), values);
    this.deadLetters =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // Assigned, not subscribed: no group of its own, reads every partition from the start.
    attributions.assign(partitions(names.attributions(), partitions));
    deadLetters.assign(partitions(names.deadLetters(), partitions));
  }

  /** Reads what has been committed to the outputs since the last call (one short poll each). */
  void poll() {
    for (ConsumerRecord<byte[], AttributionEvent> r : attributions.poll(Duration.ofMillis(20))) {
      attributedIds.add(r.value().getId());
    }
    deadLettered += deadLetters.poll(Duration.ofMillis(20)).count();
  }

  /**
   * Reads both outputs up to their last stable offset as of now (read_committed end offsets): all
   * that is committed, even if it has not arrived in earlier polls.
   */
  void readToEnd(Duration timeout) {
    readToEnd(attributions, timeout);
    readToEnd(deadLetters, timeout);
  }

  private void readToEnd(KafkaConsumer<?, ?> consumer, Duration timeout) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("cannot read the committed output up to " + end);
      }
      poll();
    }
  }

  /** Every attribution id read so far, duplicates included, in order of reading. */
  List<String> attributedIds() {
    return attributedIds;
  }

  long deadLettered() {
    return deadLettered;
  }

  /** The input offsets the explainer's consumer group has committed (transactionally). */
  Map<TopicPartition, Long> committedInputOffsets() {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(
                  names.applicationId(), new ListConsumerGroupOffsetsOptions())
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach(
          (tp, om) -> {
            if (om != null && tp.topic().equals(names.predictions())) {
              result.put(tp, om.offset());
            }
          });
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("cannot list the committed offsets of " + names.applicationId(), e);
    }
  }

  private static List<TopicPartition> partitions(String topic, int count) {
    List<TopicPartition> result = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      result.add(new TopicPartition(topic, p));
    }
    return result;
  }

  @Override
  public void close() {
    attributions.close();
    deadLetters.close();
    admin.close(Duration.ofSeconds(5));
  }
}
