package io.igstream.app;

import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.synth.FraudTransactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The end-to-end half of {@code bench}: a real in-process KRaft broker, the embedded registry, the
 * explainer runtime (exactly_once_v2, Avro, the demo model with its default method) and a producer,
 * all in this JVM. First the drain rate of a backlog, then latency at half that rate.
 */
final class BenchEndToEnd {
  static final String INPUT = "predictions";
  static final String OUTPUT = "attributions";
  static final String APPLICATION_ID = "igstream-bench";

  /** What the run measured; latencies from produce (event time) to the attribution. */
  record Result(
      int backlog,
      double eventsPerSecond,
      double offeredRate,
      int latencyEvents,
      BenchAccuracy.Quantiles visibleMillis,
      double visibleP99Millis,
      BenchAccuracy.Quantiles explainedMillis,
      double rssStartMb,
      double rssEndMb,
      double eventsPerModelRun,
      String settings,
      double cpuMicrosPerEvent,
      Map<String, Long> cpuNanosByComponent,
      Map<String, Long> cpuNanosTopThreads,
      Instant backlogStart,
      Instant backlogEnd,
      Map<String, double[]> topicTrafficPerEvent) {}

  private final int warmup;
  private final int backlog;
  private final Duration latencyPhase;
  private final BenchE2eSettings settings;
  private final FraudTransactions transactions = new FraudTransactions(DemoModel.SEED + 9);

  BenchEndToEnd(int warmup, int backlog, Duration latencyPhase, BenchE2eSettings settings) {
    this.warmup = warmup;
    this.backlog = backlog;
    this.latencyPhase = latencyPhase;
    this.settings = settings;
  }

  Result run(Path demoModel) throws IOException, InterruptedException {
    Path state = Files.createDirectories(DemoModel.home().resolve("bench"));
    state = Files.createTempDirectory(state, "streams-state-");
    Path model = settings.model(demoModel, state);
    ExplainerStreamConfig stream = settings.streamConfig();
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(settings.broker());
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start()) {
      EmbeddedTopics.create(kafka, stream);
      ExplainerRuntime.Settings embedded =
          ExplainerRuntime.Settings.embedded(APPLICATION_ID, kafka, registry, model, state, 0);
      Map<String, Object> clients = new HashMap<>(embedded.clientSettings());
      clients.putAll(settings.explainerClients());
      ExplainerRuntime.Settings runtimeSettings =
          new ExplainerRuntime.Settings(
                  embedded.applicationId(),
                  embedded.bootstrapServers(),
                  clients,
                  embedded.models(),
                  embedded.stream(),
                  embedded.httpHost(),
                  embedded.httpPort(),
                  embedded.dashboard())
              .withStream(stream);
      try (ExplainerRuntime runtime = ExplainerRuntime.start(runtimeSettings);
          KafkaProducer<String, PredictionEvent> producer = producer(kafka, registry);
          BenchReader reader =
              new BenchReader(
                  kafka.bootstrapServers(), OUTPUT, deser(registry), settings.reader())) {
        runtime.service().awaitReady(Duration.ofSeconds(60));
        reader.start();
        send(producer, "warm-", warmup);
        reader.await("warm-", warmup, Duration.ofSeconds(120));

        BenchTopicTraffic trafficBefore = BenchTopicTraffic.take(kafka.bootstrapServers());
        ThreadCpu cpuBefore = ThreadCpu.take();
        Instant backlogStart = Instant.now();
        long start = System.nanoTime();
        send(producer, "backlog-", backlog);
        long last = reader.await("backlog-", backlog, Duration.ofSeconds(600));
        ThreadCpu cpuAfter = ThreadCpu.take();
        Instant backlogEnd = Instant.now();
        BenchTopicTraffic trafficAfter = BenchTopicTraffic.take(kafka.bootstrapServers());
        double rate = backlog / ((last - start) / 1e9);

        double offered = rate / 2;
        double rssStart = BenchCommand.rssMb();
        int sent = paced(producer, "lat-", offered, latencyPhase);
        reader.await("lat-", sent, Duration.ofSeconds(120));
        double rssEnd = BenchCommand.rssMb();
        double[] visible = reader.visibleMillis("lat-");
        double[] explained = reader.explainedMillis("lat-");
        long events = runtime.models().stream().mapToLong(m -> m.eventsExplained()).sum();
        long runs = runtime.models().stream().mapToLong(m -> m.modelRuns()).sum();
        return new Result(
            backlog,
            rate,
            offered,
            sent,
            BenchAccuracy.Quantiles.of(visible),
            quantile(visible, 0.99),
            BenchAccuracy.Quantiles.of(explained),
            rssStart,
            rssEnd,
            runs == 0 ? 0 : (double) events / runs,
            settings.describe(),
            (cpuAfter.processNanos() - cpuBefore.processNanos()) / 1e3 / backlog,
            cpuAfter.since(cpuBefore, APPLICATION_ID),
            cpuAfter.topJavaThreads(cpuBefore, 8),
            backlogStart,
            backlogEnd,
            trafficAfter.perEventSince(trafficBefore, backlog));
      }
    } finally {
      DemoPorts.deleteRecursively(state);
    }
  }

  private void send(KafkaProducer<String, PredictionEvent> producer, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      producer.send(record(prefix + i));
    }
    producer.flush();
  }

  /** Sends at {@code rate} events/s for {@code duration}, in 10 ms ticks; returns the count. */
  private int paced(
      KafkaProducer<String, PredictionEvent> producer, String prefix, double rate, Duration d)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + d.toNanos();
    int sent = 0;
    while (System.nanoTime() < end) {
      long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
      while (sent < due) {
        producer.send(record(prefix + sent++));
      }
      Thread.sleep(10);
    }
    producer.flush();
    return sent;
  }

  private ProducerRecord<String, PredictionEvent> record(String id) {
    List<Double> features = new ArrayList<>(30);
    for (double f : transactions.next().features()) {
      features.add(f);
    }
    PredictionEvent e =
        PredictionEvent.newBuilder()
            .setId(id)
            .setModel("fraud-demo")
            .setEventTime(Instant.now())
            .setFeatures(features)
            .setAttributes(Map.of())
            .build();
    return new ProducerRecord<>(INPUT, id, e);
  }

  private KafkaProducer<String, PredictionEvent> producer(
      EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry) {
    ConfluentAvroSerializer<PredictionEvent> s = new ConfluentAvroSerializer<>();
    s.configure(Map.of("schema.registry.url", registry.url()), false);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Names its I/O thread, so the CPU breakdown can tell it from the explainer's producers.
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
    p.putAll(settings.producer());
    return new KafkaProducer<>(p, new StringSerializer(), s);
  }

  private static ConfluentAvroDeserializer<AttributionEvent> deser(EmbeddedSchemaRegistry r) {
    ConfluentAvroDeserializer<AttributionEvent> d =
        new ConfluentAvroDeserializer<>(AttributionEvent.class);
    d.configure(Map.of("schema.registry.url", r.url()), false);
    return d;
  }

  static double quantile(double[] values, double q) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
  }
}
