package io.igstream.app;

import io.igstream.avro.PredictionEvent;
import io.igstream.synth.FraudTransactions;
import io.igstream.synth.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's synthetic prediction stream: normal card traffic, periodic fraud bursts, and a trickle
 * of each kind of bad input (undeserializable bytes, a wrong feature count, a NaN feature, an
 * unknown model) so the dead-letter path is visible. Every record carries a trace-id header and an
 * account id attribute, to show that both pass through.
 */
final class DemoTraffic implements AutoCloseable {
  /** One bad record after every this many good ones, cycling through the kinds. */
  static final int BAD_EVERY = 97;

  private static final String[] BAD_KINDS = {"garbage", "short", "nan", "unknown-model"};

  private final String topic;
  private final String model;
  private final KafkaProducer<String, PredictionEvent> events;
  private final KafkaProducer<byte[], byte[]> raw;
  private final FraudTransactions transactions = new FraudTransactions(DemoModel.SEED + 7);
  private final SplittableRandom random = new SplittableRandom(DemoModel.SEED + 8);
  private final AtomicLong produced = new AtomicLong();
  private long good;
  private int badKind;

  DemoTraffic(
      String bootstrap, String topic, String model, Serializer<PredictionEvent> serializer) {
    this.topic = topic;
    this.model = model;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.events = new KafkaProducer<>(p, new StringSerializer(), serializer);
    this.raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Records sent so far, bad ones included (the demo's "in"). */
  long produced() {
    return produced.get();
  }

  /** Sends {@code count} good events (plus the bad trickle between them). */
  void send(int count) {
    for (int i = 0; i < count; i++) {
      // Fraud bursts: every 2000 events, 100 events at a 40 % fraud rate.
      transactions.setFraudRate(good % 2000 < 100 ? 0.4 : 0.02);
      sendGood(transactions.next());
      if (good % BAD_EVERY == 0) {
        sendBad(BAD_KINDS[badKind++ % BAD_KINDS.length]);
      }
    }
    events.flush();
    raw.flush();
  }

  private void sendGood(Transaction t) {
    good++;
    String account = "acct-" + random.nextInt(5000);
    List<Double> features = new ArrayList<>(t.features().length);
    for (double f : t.features()) {
      features.add(f);
    }
    PredictionEvent e = event("txn-" + good, model, features, account);
    send(new ProducerRecord<>(topic, account, e));
  }

  private void sendBad(String kind) {
    String id = "bad-" + kind + "-" + good;
    List<Double> features = new ArrayList<>();
    for (double f : transactions.next().features()) {
      features.add(f);
    }
    switch (kind) {
      case "garbage" -> {
        ProducerRecord<byte[], byte[]> r =
            new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        r.headers().add("traceparent", traceId());
        produced.incrementAndGet();
        raw.send(r);
      }
      case "short" ->
          send(new ProducerRecord<>(topic, id, event(id, model, features.subList(0, 7), id)));
      case "nan" -> {
        features.set(3, Double.NaN);
        send(new ProducerRecord<>(topic, id, event(id, model, features, id)));
      }
      default -> send(new ProducerRecord<>(topic, id, event(id, "no-such-model", features, id)));
    }
  }

  private void send(ProducerRecord<String, PredictionEvent> r) {
    r.headers().add("traceparent", traceId());
    produced.incrementAndGet();
    events.send(r);
  }

  private PredictionEvent event(
      String id, String modelName, List<Double> features, String account) {
    return PredictionEvent.newBuilder()
        .setId(id)
        .setModel(modelName)
        .setEventTime(Instant.now())
        .setFeatures(features)
        .setAttributes(Map.of("account_id", account))
        .build();
  }

  private byte[] traceId() {
    return String.format(
            "00-%016x%016x-%016x-01", random.nextLong(), random.nextLong(), random.nextLong())
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    events.close();
    raw.close();
  }
}
