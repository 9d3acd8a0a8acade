package io.igstream.app.kafka;

import io.igstream.stream.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-submits dead letters after a fix: every record of the dead-letter topic up to its end at the
 * start goes back, key, value and original headers unchanged, to the topic named by its {@code
 * igstream.dlq.topic} header. Each poll's records and the group's offsets commit in one Kafka
 * transaction, so a crash mid-way neither loses nor duplicates a replayed record, and a second run
 * replays only what was dead-lettered since.
 */
public final class DeadLetterReplay {
  static final String REPLAYED_HEADER = "igstream.replayed.from";
  private static final Duration POLL = Duration.ofMillis(500);

  private DeadLetterReplay() {}

  /** What a replay did: records sent back, by dead-letter reason. */
  public record Result(Map<String, Long> byReason) {
    public long total() {
      return byReason.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Replays {@code deadLetterTopic} for {@code group}; {@code fallbackTopic} receives records
   * without a source header. {@code clientSettings} carry security settings (SASL, TLS).
   */
  public static Result replay(
      Map<String, Object> clientSettings,
      String deadLetterTopic,
      String fallbackTopic,
      String group,
      Duration timeout) {
    Map<String, Long> byReason = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(clientSettings, group);
        KafkaProducer<byte[], byte[]> producer = producer(clientSettings, group)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(deadLetterTopic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      producer.initTransactions();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "replay of " + deadLetterTopic + " did not reach the end in " + timeout);
        }
        var records = consumer.poll(POLL);
        if (records.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() >= end.get(tp)) {
            continue;
          }
          producer.send(resubmission(r, fallbackTopic));
          byReason.merge(header(r, DeadLetters.REASON_HEADER, "unknown"), 1L, Long::sum);
          offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
      }
    }
    return new Result(byReason);
  }

  private static boolean reachedEnd(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  static ProducerRecord<byte[], byte[]> resubmission(
      ConsumerRecord<byte[], byte[]> r, String fallbackTopic) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : r.headers()) {
      if (!DeadLetters.NAMES.contains(h.key())) {
        headers.add(h);
      }
    }
    String where = r.topic() + "/" + r.partition() + "/" + r.offset();
    headers.add(REPLAYED_HEADER, where.getBytes(StandardCharsets.UTF_8));
    String topic = header(r, DeadLetters.TOPIC_HEADER, fallbackTopic);
    return new ProducerRecord<>(topic, null, r.key(), r.value(), headers);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name, String absent) {
    Header h = r.headers().lastHeader(name);
    return h == null ? absent : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> base, String group) {
    Properties p = new Properties();
    p.putAll(base);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> base, String group) {
    Properties p = new Properties();
    p.putAll(base);
    // Stable: a new replay fences a crashed one and aborts its open transaction at once.
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
