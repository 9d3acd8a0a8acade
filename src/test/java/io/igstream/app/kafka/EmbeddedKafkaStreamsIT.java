package io.igstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker settings carry an {@code exactly_once_v2} Kafka Streams app on one node (test code may
 * use Kafka Streams here; the production rule keeps it in {@code io.igstream.stream}).
 */
class EmbeddedKafkaStreamsIT {

  @Test
  void shouldRunAnExactlyOnceStreamsAppEndToEnd(@TempDir Path stateDir) {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      kafka.createTopic("in", 3);
      kafka.createTopic("out", 3);
      StreamsBuilder builder = new StreamsBuilder();
      builder.<String, String>stream("in").mapValues(v -> v.toUpperCase()).to("out");
      Properties config = new Properties();
      config.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-it");
      config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
      config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);

      try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
        streams.start();
        try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
          for (int i = 0; i < 100; i++) {
            producer.send(new ProducerRecord<>("in", "k" + i, "v" + i));
          }
        }

        Set<String> out = readCommitted(kafka, "out", 100);

        assertEquals(
            IntStream.range(0, 100).mapToObj(i -> "V" + i).collect(Collectors.toSet()), out);
        streams.close(Duration.ofSeconds(10));
      }
    }
  }

  private static Set<String> readCommitted(EmbeddedKafkaBroker kafka, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "eos-it-reader",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(read::add);
      }
    }
    assertEquals(expected, read.size(), "records that reached " + topic);
    return read.stream().map(ConsumerRecord::value).collect(Collectors.toSet());
  }
}
