package io.igstream.app;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what the explainer committed (read_committed): attribution events, dead letters and drift
 * events, and keeps the numbers the demo shows and summarises.
 */
final class DemoMonitor implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<AttributionEvent> attributions;
  private final Deserializer<DriftEvent> driftEvents;
  private final String outputTopic;
  private final String driftTopic;
  private final List<DriftEvent> drift = new ArrayList<>();
  private final double alertThreshold;
  private final List<Double> completeness = new ArrayList<>();
  private final List<Double> latencyMillis = new ArrayList<>();
  private final Map<String, Long> deadLetters = new TreeMap<>();
  private final long startNanos = System.nanoTime();
  private long lastOutNanos = startNanos;
  private long alerts;
  private AttributionEvent latestAlert;

  DemoMonitor(
      String bootstrap,
      String outputTopic,
      String deadLetterTopic,
      String driftTopic,
      Deserializer<AttributionEvent> attributions,
      Deserializer<DriftEvent> driftEvents,
      double alertThreshold) {
    this.outputTopic = outputTopic;
    this.driftTopic = driftTopic;
    this.attributions = attributions;
    this.driftEvents = driftEvents;
    this.alertThreshold = alertThreshold;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "igstream-demo-monitor");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(outputTopic, deadLetterTopic, driftTopic));
  }

  void poll(Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      if (r.topic().equals(outputTopic)) {
        record(attributions.deserialize(r.topic(), r.value()));
      } else if (r.topic().equals(driftTopic)) {
        drift.add(driftEvents.deserialize(r.topic(), r.value()));
      } else {
        Header reason = r.headers().lastHeader("igstream.dlq.reason");
        String key = reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8);
        deadLetters.merge(key, 1L, Long::sum);
      }
    }
  }

  private void record(AttributionEvent e) {
    lastOutNanos = System.nanoTime();
    completeness.add(Math.abs(e.getCompletenessError()));
    if (e.getEventTime() != null && e.getExplainedAt() != null) {
      latencyMillis.add((double) Duration.between(e.getEventTime(), e.getExplainedAt()).toMillis());
    }
    if (e.getPrediction() >= alertThreshold) {
      alerts++;
      latestAlert = e;
    }
  }

  long out() {
    return completeness.size();
  }

  long deadLettered() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }

  Map<String, Long> deadLettersByReason() {
    return deadLetters;
  }

  long alerts() {
    return alerts;
  }

  /** Drift events read so far (one per closed window), in arrival order. */
  List<DriftEvent> driftWindows() {
    return List.copyOf(drift);
  }

  long driftAlerts() {
    return drift.stream().filter(DriftEvent::getAlert).count();
  }

  /** The end of the latest drift window read (epoch ms), or Long.MIN_VALUE before the first. */
  long lastDriftWindowEnd() {
    return drift.stream()
        .mapToLong(e -> e.getWindowEnd().toEpochMilli())
        .max()
        .orElse(Long.MIN_VALUE);
  }

  double completenessQuantile(double q) {
    return quantile(completeness, q);
  }

  double latencyQuantile(double q) {
    return quantile(latencyMillis, q);
  }

  /** Attribution events per second, from the monitor's start to the last one read. */
  double eventsPerSecond() {
    double seconds = (lastOutNanos - startNanos) / 1e9;
    return seconds <= 0 ? 0 : out() / seconds;
  }

  /** The latest alert with its three strongest reasons, e.g. for the live view. */
  String latestAlert() {
    AttributionEvent e = latestAlert;
    if (e == null) {
      return "none yet";
    }
    List<Double> a = e.getAttributions();
    String top =
        IntStream.range(0, a.size())
            .boxed()
            .sorted(Comparator.comparingDouble(i -> -a.get(i)))
            .limit(3)
            .map(i -> String.format("%s %+.3f", e.getFeatureNames().get(i), a.get(i)))
            .reduce((x, y) -> x + ", " + y)
            .orElse("");
    return String.format("%s score %.3f <- %s", e.getId(), e.getPrediction(), top);
  }

  private static double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  @Override
  public void close() {
    consumer.close();
  }
}
