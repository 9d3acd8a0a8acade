package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.DriftEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.drift.DriftWindows;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.synth.FraudTransactions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution drift on a real broker: a model's window holds the events of every input partition,
 * while one partition stays idle, and its drift event arrives on the drift topic.
 */
class DriftIT {
  private static final int PARTITIONS = 4;
  private static final int BUSY = 3;
  private static final int PER_PARTITION = 12;
  private static final long WINDOW = 4000;

  /**
   * Covers how far one partition's attributions may run ahead of another's on their way to the
   * drift task (batch timers, commits, a loaded machine); 2 s of event time here.
   */
  private static final long GRACE = 2000;

  @TempDir Path dir;

  @Test
  void shouldCoverEveryBusyPartitionInOneWindowWhileAnotherPartitionIsIdle() throws Exception {
    ExplainerStreamConfig defaults = ExplainerStreamConfig.defaults();
    ExplainerStreamConfig stream =
        defaults.withDrift(
            defaults
                .drift()
                .withWindows(DriftWindows.tumbling(WINDOW), Duration.ofMillis(GRACE), 10));
    try (ExplainerStack stack =
        new ExplainerStack(
            dir, io.igstream.app.config.ExplainerAppConfig.DeviceRequest.CPU, PARTITIONS, stream)) {
      // Two windows in the past, each with 12 events on each of partitions 0, 1 and 2; partition 3
      // gets nothing. The second window's events close the first (stream time passes its end +
      // grace); no later event comes, so the idle rule must close the second. The second window
      // is produced once the first is explained: a backlog of both at once would let one
      // partition's second-window events overtake another's first-window ones by more than the
      // grace (see README, "Attribution drift").
      long first = Math.floorDiv(System.currentTimeMillis(), WINDOW) * WINDOW - 3 * WINDOW;
      produce(stack, first);
      assertEquals(
          BUSY * PER_PARTITION,
          stack.readAttributions(BUSY * PER_PARTITION, Duration.ofSeconds(60)).size());
      produce(stack, first + WINDOW);

      List<DriftEvent> drift = readDrift(stack, 2, Duration.ofSeconds(90));
      assertEquals(2, drift.size(), drift.toString());
      DriftEvent reference = drift.get(0);
      assertEquals(Instant.ofEpochMilli(first), reference.getWindowStart());
      assertEquals(
          BUSY * PER_PARTITION,
          reference.getEvents(),
          "every busy partition's events; late: " + stack.runtime.metrics().driftLateEvents());
      assertFalse(reference.getJudged(), "the first window is the reference");
      assertEquals("window:" + Instant.ofEpochMilli(first), reference.getReference());
      DriftEvent second = drift.get(1);
      assertEquals(Instant.ofEpochMilli(first + WINDOW), second.getWindowStart());
      assertEquals(BUSY * PER_PARTITION, second.getEvents());
      assertTrue(second.getJudged());
      assertEquals(reference.getReference(), second.getReference());
      assertTrue(second.getJensenShannon() >= 0 && second.getJensenShannon() <= 1);
      assertEquals(30, second.getFeatureNames().size());

      String metrics = stack.metricsText();
      assertTrue(metrics.contains("igstream_drift_windows_total 2"), metrics);
      assertTrue(metrics.contains("igstream_drift_windows_judged_total 1"), metrics);
      assertTrue(metrics.contains("igstream_drift_jensen_shannon{model=\"fraud-demo\"}"), metrics);
      assertTrue(metrics.contains("igstream_drift_late_events_total 0"), metrics);
    }
  }

  /** 12 events per busy partition, timestamps spread over the window's first 3.6 s. */
  private static void produce(ExplainerStack stack, long windowStart) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(stack.registryConfig(), false);
    FraudTransactions transactions = new FraudTransactions(windowStart);
    try (KafkaProducer<String, PredictionEvent> producer =
        new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      for (int i = 0; i < PER_PARTITION * BUSY; i++) {
        int partition = i % BUSY;
        long ts = windowStart + 100L * i;
        List<Double> features = Arrays.stream(transactions.next().features()).boxed().toList();
        PredictionEvent e =
            PredictionEvent.newBuilder()
                .setId("w" + windowStart + "-" + i)
                .setModel("fraud-demo")
                .setEventTime(Instant.ofEpochMilli(ts))
                .setFeatures(features)
                .build();
        producer.send(new ProducerRecord<>("predictions", partition, ts, "k" + i, e));
      }
    }
  }

  private static List<DriftEvent> readDrift(ExplainerStack stack, int expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "drift-reader-" + System.nanoTime());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConfluentAvroDeserializer<DriftEvent> d = new ConfluentAvroDeserializer<>(DriftEvent.class);
    d.configure(stack.registryConfig(), false);
    List<DriftEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, DriftEvent> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), d)) {
      consumer.subscribe(List.of("attribution-drift"));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, DriftEvent> r : consumer.poll(Duration.ofMillis(200))) {
          assertEquals("fraud-demo", r.key());
          out.add(r.value());
        }
      }
      // Anything more (a duplicate, a window reopened) would show within a second.
      for (ConsumerRecord<String, DriftEvent> r : consumer.poll(Duration.ofSeconds(1))) {
        out.add(r.value());
      }
    }
    out.sort((a, b) -> a.getWindowStart().compareTo(b.getWindowStart()));
    return out;
  }
}
