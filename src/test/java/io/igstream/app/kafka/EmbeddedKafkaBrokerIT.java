package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real broker: transactions, read_committed consumer groups and topic creation. */
class EmbeddedKafkaBrokerIT {
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaBroker.start();
    System.out.println("[EmbeddedKafkaBrokerIT] " + kafka);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldReadBackExactlyTheCommittedRecordsThroughAConsumerGroup() {
    kafka.createTopic("committed", 3);
    List<String> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 1000; i++) {
        String value = "value-" + i;
        producer.send(new ProducerRecord<>("committed", "key-" + i, value));
        sent.add(value);
      }
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> read = read("committed", "read_committed", 1000);

    assertEquals(1000, read.size());
    assertEquals(
        Set.copyOf(sent), read.stream().map(ConsumerRecord::value).collect(Collectors.toSet()));
    for (ConsumerRecord<String, String> record : read) {
      assertEquals(record.key().replace("key-", "value-"), record.value());
    }
    assertEquals(3, read.stream().map(ConsumerRecord::partition).distinct().count());
  }

  @Test
  void shouldHideAnAbortedTransactionFromReadCommitted() {
    kafka.createTopic("aborted", 3);
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>("aborted", "k" + i, "aborted-" + i));
      }
      producer.flush(); // the aborted records really are in the log
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("aborted", "k", "committed"));
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> committed = read("aborted", "read_committed", 1);
    List<ConsumerRecord<String, String>> everything = read("aborted", "read_uncommitted", 101);

    assertEquals(List.of("committed"), committed.stream().map(ConsumerRecord::value).toList());
    assertEquals(101, everything.size(), "the aborted records are in the log, only hidden");
  }

  @Test
  void shouldCreateTopicsReadyForUseOneAfterAnother() {
    // createTopics returns before the broker's metadata knows the topic: createTopic waits.
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 1; i <= 5; i++) {
        kafka.createTopic("row-" + i, i);
        assertEquals(i, producer.partitionsFor("row-" + i).size(), "row-" + i);
      }
    }
  }

  @Test
  void shouldRefuseToCreateATopicTwice() {
    kafka.createTopic("twice", 1);
    assertThrows(EmbeddedKafkaException.class, () -> kafka.createTopic("twice", 1));
  }

  @Test
  void shouldNotCreateTopicsOnDemand() throws Exception {
    try (KafkaProducer<String, String> producer =
        producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000))) {
      assertThrows(TimeoutException.class, () -> producer.partitionsFor("nobody-made-me"));
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertFalse(admin.listTopics().names().get().contains("nobody-made-me"));
    }
  }

  @Test
  void shouldKeepItsFilesInItsDirectory() {
    assertTrue(Files.isRegularFile(kafka.directory().resolve("server.properties")));
    assertTrue(Files.isRegularFile(kafka.directory().resolve("data").resolve("meta.properties")));
  }

  private static KafkaProducer<String, String> transactionalProducer() {
    return producer(
        Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "it-" + UUID.randomUUID()));
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** Reads until {@code expected} records arrived, then a little longer to catch extras. */
  private static List<ConsumerRecord<String, String>> read(
      String topic, String isolation, int expected) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + isolation);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long extraUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, extraUntil)) {
        consumer.poll(Duration.ofMillis(100)).forEach(read::add);
        if (read.size() >= expected && extraUntil == Long.MAX_VALUE) {
          extraUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
        }
      }
      consumer.commitSync(); // the group coordinator answers
      assertFalse(consumer.assignment().isEmpty(), "the group assigned no partitions");
    }
    return read;
  }
}
