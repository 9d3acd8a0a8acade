package io.igstream.app;

import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.models.ModelSources;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.stream.ExplainerStreamConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A whole explainer for integration tests: a freshly trained small fraud model, a real KRaft
 * broker, the embedded registry and the running runtime, closed in reverse order.
 */
final class ExplainerStack implements AutoCloseable {
  final EmbeddedKafkaBroker kafka;
  final EmbeddedSchemaRegistry registry;

  /** The running explainer; null until {@link #startExplainer} for a stack made without one. */
  ExplainerRuntime runtime;

  private final Path dir;
  private final ModelSources models;
  private final ExplainerStreamConfig stream;

  ExplainerStack(Path dir) throws IOException, InterruptedException {
    this(dir, ExplainerAppConfig.DeviceRequest.CPU, EmbeddedTopics.PARTITIONS);
  }

  ExplainerStack(Path dir, ExplainerAppConfig.DeviceRequest device)
      throws IOException, InterruptedException {
    this(dir, device, EmbeddedTopics.PARTITIONS);
  }

  /**
   * As above, placing the models as {@code device} asks (a GPU request falls back here), with
   * {@code partitions} per topic.
   */
  ExplainerStack(Path dir, ExplainerAppConfig.DeviceRequest device, int partitions)
      throws IOException, InterruptedException {
    this(dir, device, partitions, ExplainerStreamConfig.defaults());
  }

  /** As above, with the topology configured by {@code stream} (e.g. short drift windows). */
  ExplainerStack(
      Path dir,
      ExplainerAppConfig.DeviceRequest device,
      int partitions,
      ExplainerStreamConfig stream)
      throws IOException, InterruptedException {
    this(dir, device, partitions, trained -> ModelSources.fixed(List.of(trained)), stream);
  }

  /**
   * As above, serving what {@code models} makes of the trained model's directory (e.g. a TF Serving
   * layout root, watched).
   */
  ExplainerStack(
      Path dir, ExplainerAppConfig.DeviceRequest device, int partitions, ModelLayout models)
      throws IOException, InterruptedException {
    this(dir, device, partitions, models, ExplainerStreamConfig.defaults());
  }

  private ExplainerStack(
      Path dir,
      ExplainerAppConfig.DeviceRequest device,
      int partitions,
      ModelLayout models,
      ExplainerStreamConfig stream)
      throws IOException, InterruptedException {
    this(dir, partitions, models, stream);
    runtime = startInstance(dir.resolve("state"), device);
  }

  /** Model, broker, registry and topics, but no explainer yet. */
  private ExplainerStack(Path dir, int partitions, ModelLayout models, ExplainerStreamConfig stream)
      throws IOException {
    this.dir = dir;
    this.stream = stream;
    Path model = dir.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(21).withSizes(4000, 1000, 3));
    this.models = models.serve(model);
    kafka = EmbeddedKafkaBroker.start();
    registry = EmbeddedSchemaRegistry.builder().build().start();
    EmbeddedTopics.create(kafka, stream, partitions);
  }

  /**
   * A stack whose explainer is not running yet (so that a backlog can build up before it starts);
   * start it with {@link #startExplainer}.
   */
  static ExplainerStack withoutExplainer(Path dir) throws IOException {
    return new ExplainerStack(
        dir,
        EmbeddedTopics.PARTITIONS,
        trained -> ModelSources.fixed(List.of(trained)),
        ExplainerStreamConfig.defaults());
  }

  /** Starts the explainer with these topology settings (default topics) and waits until ready. */
  ExplainerRuntime startExplainer(ExplainerStreamConfig topology) throws InterruptedException {
    runtime =
        ExplainerRuntime.start(
            ExplainerRuntime.Settings.embedded(
                    "igstream-it", kafka, registry, models, dir.resolve("state"), 0)
                .withStream(topology));
    runtime.service().awaitReady(Duration.ofSeconds(60));
    return runtime;
  }

  /** How a test serves the freshly trained model directory. */
  interface ModelLayout {
    ModelSources serve(Path trainedModel) throws IOException;
  }

  /** Another explainer instance in the same consumer group (its own state directory). */
  ExplainerRuntime startInstance(Path stateDir, ExplainerAppConfig.DeviceRequest device)
      throws InterruptedException {
    ExplainerRuntime started =
        ExplainerRuntime.start(
            ExplainerRuntime.Settings.embedded("igstream-it", kafka, registry, models, stateDir, 0)
                .withStream(stream),
            device);
    started.service().awaitReady(Duration.ofSeconds(60));
    return started;
  }

  /** What {@code /metrics} serves right now, fetched over HTTP. */
  String metricsText() throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  /** Sends good prediction events with ids {@code e<from>} .. {@code e<from+count-1>}. */
  void produce(int from, int count) {
    java.util.Properties p = new java.util.Properties();
    p.put(
        org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers());
    io.igstream.serde.ConfluentAvroSerializer<io.igstream.avro.PredictionEvent> serializer =
        new io.igstream.serde.ConfluentAvroSerializer<>();
    serializer.configure(registryConfig(), false);
    var transactions = new io.igstream.synth.FraudTransactions(4 + from);
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            p, new org.apache.kafka.common.serialization.StringSerializer(), serializer)) {
      for (int i = from; i < from + count; i++) {
        List<Double> features = new ArrayList<>();
        for (double f : transactions.next().features()) {
          features.add(f);
        }
        var e =
            io.igstream.avro.PredictionEvent.newBuilder()
                .setId("e" + i)
                .setModel("fraud-demo")
                .setEventTime(java.time.Instant.now())
                .setFeatures(features)
                .build();
        producer.send(
            new org.apache.kafka.clients.producer.ProducerRecord<>(
                "predictions", "k" + (i % 97), e));
      }
    }
  }

  Map<String, Object> registryConfig() {
    return Map.of("schema.registry.url", registry.url());
  }

  /**
   * Reads attribution events (read_committed) until {@code expected} arrived and nothing more came
   * for two seconds (so duplicates would show), or {@code timeout} passed.
   */
  List<AttributionEvent> readAttributions(int expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConfluentAvroDeserializer<AttributionEvent> deserializer =
        new ConfluentAvroDeserializer<>(AttributionEvent.class);
    deserializer.configure(registryConfig(), false);
    List<AttributionEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, AttributionEvent> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of("attributions"));
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int before = out.size();
        for (ConsumerRecord<String, AttributionEvent> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
        if (out.size() != before) {
          quietSince = System.nanoTime();
        }
        if (out.size() >= expected && System.nanoTime() - quietSince > 2_000_000_000L) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
    }
    registry.close();
    kafka.close();
  }
}
