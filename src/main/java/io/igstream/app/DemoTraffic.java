package io.igstream.app;

import io.igstream.avro.PredictionEvent;
import io.igstream.synth.FraudTransactions;
import io.igstream.synth.TrafficMix;
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
 * The demo's synthetic prediction stream: normal card traffic, a card-testing wave that makes the
 * attributions drift, and a trickle of each kind of bad input (undeserializable bytes, a wrong
 * feature count, a NaN feature, an unknown model) so the dead-letter path is visible. Every record
 * carries a trace-id header and an account id attribute, to show that both pass through.
 *
 * <p>Record timestamps follow a simulated clock at {@code rate} good events per second from a start
 * aligned to the drift window, so that drift windows hold a known number of events however fast the
 * producer runs: {@link #EVENTS_PER_WINDOW} each.
 */
final class DemoTraffic implements AutoCloseable {
  /** One bad record after every this many good ones, cycling through the kinds. */
  static final int BAD_EVERY = 97;

  private static final String[] BAD_KINDS = {"garbage", "short", "nan", "unknown-model"};

  /** Good events per drift window on the simulated clock. */
  static final int EVENTS_PER_WINDOW = 500;

  /** The drift: a card-testing wave, 20 % of traffic, driven by card_testing_pattern. */
  static final TrafficMix WAVE =
      TrafficMix.defaults().withFraudRate(0.2).withPatternWeights(Map.of("card_testing", 1.0));

  private final String topic;
  private final String model;
  private final KafkaProducer<String, PredictionEvent> events;
  private final KafkaProducer<byte[], byte[]> raw;
  private final FraudTransactions transactions = new FraudTransactions(DemoModel.SEED + 7);
  private final SplittableRandom random = new SplittableRandom(DemoModel.SEED + 8);
  private final AtomicLong produced = new AtomicLong();
  private final double millisPerEvent;
  private final long startMillis;
  private final long driftAfter;
  private long good;
  private int badKind;

  /**
   * @param rate good events per second of the simulated clock
   * @param events with {@code --events N}: the clock then ends about now (timestamps in the past
   *     are always accepted) and the wave starts halfway; without (null) the clock starts now and
   *     the wave comes and goes, ten windows on, ten windows off
   */
  DemoTraffic(
      String bootstrap,
      String topic,
      String model,
      Serializer<PredictionEvent> serializer,
      int rate,
      Integer events) {
    this.topic = topic;
    this.model = model;
    this.millisPerEvent = 1000.0 / rate;
    long window = windowMillis(rate);
    long span = events == null ? 0 : (long) (events * millisPerEvent);
    this.startMillis = Math.floorDiv(System.currentTimeMillis() - span, window) * window;
    this.driftAfter = events == null ? 0 : driftAfter(events);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.events = new KafkaProducer<>(p, new StringSerializer(), serializer);
    this.raw = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The drift window that holds {@link #EVENTS_PER_WINDOW} good events at {@code rate}. */
  static long windowMillis(int rate) {
    return Math.max(1, Math.round(EVENTS_PER_WINDOW * 1000.0 / rate));
  }

  /** With {@code --events N}: the wave starts at the first window boundary at or after N/2. */
  static long driftAfter(int events) {
    long half = (events / 2 + EVENTS_PER_WINDOW - 1) / EVENTS_PER_WINDOW;
    return Math.max(1, half) * EVENTS_PER_WINDOW;
  }

  /** The simulated timestamp of the latest good event. */
  long lastTimestamp() {
    return timestamp(Math.max(0, good - 1));
  }

  private long timestamp(long index) {
    return startMillis + (long) (index * millisPerEvent);
  }

  private boolean drifting() {
    if (driftAfter > 0) {
      return good >= driftAfter;
    }
    return (good / (10L * EVENTS_PER_WINDOW)) % 2 == 1;
  }

  /** Records sent so far, bad ones included (the demo's "in"). */
  long produced() {
    return produced.get();
  }

  /** Sends {@code count} good events (plus the bad trickle between them). */
  void send(int count) {
    for (int i = 0; i < count; i++) {
      transactions.setMix(drifting() ? WAVE : TrafficMix.defaults());
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
    send(new ProducerRecord<>(topic, null, timestamp(good - 1), account, e));
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
