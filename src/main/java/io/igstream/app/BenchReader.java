package io.igstream.app;

import io.igstream.avro.AttributionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the committed attribution events on its own thread (as a downstream consumer would, with
 * read_committed) and keeps, per id prefix, how many arrived, when the last one did, and the
 * latencies from event time to when it became visible and to when it was explained.
 */
final class BenchReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<AttributionEvent> deserializer;
  private final String topic;
  private final Thread thread;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, Long> lastNanos = new HashMap<>();
  private final Map<String, List<double[]>> latencies = new HashMap<>();
  private volatile RuntimeException failure;

  BenchReader(
      String bootstrap,
      String topic,
      Deserializer<AttributionEvent> deserializer,
      Map<String, String> overrides) {
    this.topic = topic;
    this.deserializer = deserializer;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "igstream-bench-reader");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putAll(overrides);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::loop, "igstream-bench-reader");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    try {
      consumer.subscribe(List.of(topic));
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          long wall = System.currentTimeMillis();
          record(deserializer.deserialize(r.topic(), r.value()), now, wall);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  private synchronized void record(AttributionEvent e, long nanos, long wallMillis) {
    String id = e.getId();
    int dash = id.indexOf('-');
    String prefix = dash < 0 ? id : id.substring(0, dash + 1);
    counts.merge(prefix, 1, Integer::sum);
    lastNanos.put(prefix, nanos);
    long produced = e.getEventTime().toEpochMilli();
    double visible = wallMillis - produced;
    double explained = e.getExplainedAt().toEpochMilli() - produced;
    latencies
        .computeIfAbsent(prefix, k -> new ArrayList<>())
        .add(new double[] {visible, explained});
    notifyAll();
  }

  /**
   * Waits until {@code count} events with the prefix arrived; returns the {@link System#nanoTime}
   * of the last one.
   */
  synchronized long await(String prefix, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (counts.getOrDefault(prefix, 0) < count) {
      if (failure != null) {
        throw new IllegalStateException("the bench reader failed: " + failure, failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CliException(
            "timed out: "
                + counts.getOrDefault(prefix, 0)
                + " of "
                + count
                + " '"
                + prefix
                + "' attribution events after "
                + timeout.toSeconds()
                + " s");
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return lastNanos.get(prefix);
  }

  /** Produce (event time) to visible to this read_committed consumer, ms. */
  synchronized double[] visibleMillis(String prefix) {
    return column(prefix, 0);
  }

  /** Produce (event time) to the explainer's explained_at, ms. */
  synchronized double[] explainedMillis(String prefix) {
    return column(prefix, 1);
  }

  private double[] column(String prefix, int c) {
    List<double[]> rows = latencies.getOrDefault(prefix, List.of());
    if (rows.isEmpty()) {
      throw new CliException("no '" + prefix + "' attribution events were read");
    }
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  @Override
  public void close() {
    stop.set(true);
    consumer.wakeup();
    if (thread.getState() == Thread.State.NEW) {
      consumer.close();
      return;
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
