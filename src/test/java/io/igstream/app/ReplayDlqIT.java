package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.stream.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay-dlq} against a real broker: every dead letter back once, unchanged. */
class ReplayDlqIT {
  @TempDir Path dir;

  @Test
  void shouldResubmitEachDeadLetterOnceWithItsOriginalBytesAndHeaders() throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      kafka.createTopic("predictions", 2);
      kafka.createTopic("predictions-dlq", 2);
      Path config = dir.resolve("igstream.properties");
      Files.writeString(
          config,
          "igstream.models=/unused\nschema.registry.url=http://127.0.0.1:1\n"
              + "bootstrap.servers="
              + kafka.bootstrapServers()
              + "\n");
      for (int i = 0; i < 5; i++) {
        deadLetter(kafka, i, i < 3 ? "unknown-model" : "feature-count");
      }

      CliRunner first = CliRunner.run("replay-dlq", "--config", config.toString());
      assertEquals(0, first.exitCode(), first.err());
      assertTrue(first.out().contains("replayed 5 dead letter(s)"), first.out());
      assertTrue(first.out().contains("unknown-model=3"), first.out());

      List<ConsumerRecord<byte[], byte[]>> replayed = read(kafka, 5);
      assertEquals(5, replayed.size());
      for (ConsumerRecord<byte[], byte[]> r : replayed) {
        String key = new String(r.key(), StandardCharsets.UTF_8);
        assertArrayEquals(("value-" + key).getBytes(StandardCharsets.UTF_8), r.value());
        assertNotNull(r.headers().lastHeader("trace-id"), "the producer's own header stays");
        for (String h : DeadLetters.NAMES) {
          assertNull(r.headers().lastHeader(h), h + " is stripped");
        }
        assertNotNull(r.headers().lastHeader("igstream.replayed.from"));
      }

      CliRunner again = CliRunner.run("replay-dlq", "--config", config.toString());
      assertTrue(again.out().contains("replayed 0 dead letter(s)"), again.out());
      deadLetter(kafka, 9, "non-finite");
      CliRunner third = CliRunner.run("replay-dlq", "--config", config.toString());
      assertTrue(third.out().contains("replayed 1 dead letter(s)"), third.out());
      assertEquals(6, read(kafka, 6).size(), "nothing replayed twice");
    }
  }

  private static void deadLetter(EmbeddedKafkaBroker kafka, int i, String reason) {
    Map<String, Object> p = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      RecordHeaders h = new RecordHeaders();
      h.add("trace-id", ("t" + i).getBytes(StandardCharsets.UTF_8));
      h.add(DeadLetters.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
      h.add(DeadLetters.TOPIC_HEADER, "predictions".getBytes(StandardCharsets.UTF_8));
      h.add(DeadLetters.OFFSET_HEADER, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      producer.send(
          new ProducerRecord<>(
              "predictions-dlq",
              null,
              ("k" + i).getBytes(StandardCharsets.UTF_8),
              ("value-k" + i).getBytes(StandardCharsets.UTF_8),
              h));
      producer.flush();
    }
  }

  /** Reads predictions until {@code expected} arrived and two quiet seconds passed. */
  private static List<ConsumerRecord<byte[], byte[]>> read(
      EmbeddedKafkaBroker kafka, int expected) {
    Map<String, Object> p =
        Map.of(
            "bootstrap.servers",
            kafka.bootstrapServers(),
            "group.id",
            "reader-" + System.nanoTime(),
            "auto.offset.reset",
            "earliest",
            "isolation.level",
            "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of("predictions"));
      long quietSince = System.nanoTime();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        var batch = c.poll(Duration.ofMillis(200));
        batch.forEach(out::add);
        if (!batch.isEmpty()) {
          quietSince = System.nanoTime();
        } else if (out.size() >= expected
            && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
          break;
        }
      }
    }
    return out;
  }
}
