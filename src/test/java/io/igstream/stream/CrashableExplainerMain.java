package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.serde.SchemaRegistryClientConfig;
import io.igstream.spec.ModelSpecReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The explainer as the crash test's child JVM: builds the real topology (or its lossy negative
 * control) and runs it until the test kills the process: with SIGKILL for the crashes (the point),
 * with SIGTERM at the very end. It never shuts down by itself.
 *
 * <p>Args: {@code bootstrap registryUrl modelDir stateDir durability name}. {@code name} prefixes
 * the topics and the application id (see {@link CrashNames}), so the two test scenarios do not
 * share a consumer group, changelog or transactional ids.
 *
 * <p>Prints one {@code STATUS state=... buffered=... in=... out=... dlq=...} line to stdout each
 * time one of those values changes (checked every 50 ms): the test reads them to know when the
 * child is running with an empty buffer. Everything that decides loss or duplication is checked by
 * the test on the broker, not taken from these lines.
 */
final class CrashableExplainerMain {
  /** Far more than a wave: a batch is never full, so only the timer flushes. */
  static final int BATCH_SIZE = 10_000;

  /**
   * Much longer than {@code commit.interval.ms} (100 ms): many commits happen while a wave sits in
   * the buffer. The timer flushes at the earliest {@code 3/4} of this after a record arrived, and
   * the test must see the wave committed and kill before that: the first wave took 3.5 s to commit
   * once on a loaded 2-core machine, so 6 s (4.5 s) was too tight. It costs no test time: restored
   * events are already old when the restarted child sees them and are flushed at once.
   */
  static final Duration FLUSH_INTERVAL = Duration.ofSeconds(10);

  private CrashableExplainerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 6) {
      System.err.println("args: bootstrap registryUrl modelDir stateDir durability name");
      System.exit(2);
    }
    String bootstrap = args[0];
    String registryUrl = args[1];
    Path modelDir = Path.of(args[2]);
    String stateDir = args[3];
    ExplainerTopology.BufferDurability durability =
        ExplainerTopology.BufferDurability.valueOf(args[4]);
    CrashNames names = new CrashNames(args[5]);
    // If the test JVM dies without killing us (e.g. the build is aborted), do not linger.
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));

    Map<String, Object> serdeConfig = Map.of(SchemaRegistryClientConfig.URL, registryUrl);
    ConfluentAvroDeserializer<PredictionEvent> predictions =
        new ConfluentAvroDeserializer<>(PredictionEvent.class);
    predictions.configure(serdeConfig, false);
    ConfluentAvroSerializer<AttributionEvent> attributions = new ConfluentAvroSerializer<>();
    attributions.configure(serdeConfig, false);

    ModelExplainer model =
        ModelExplainer.open(modelDir, ModelSpecReader.forModel(modelDir, Optional.empty()));
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults()
            .withTopics(names.predictions(), names.attributions(), names.deadLetters())
            .withBatching(BATCH_SIZE, FLUSH_INTERVAL);
    StreamMetrics metrics = new StreamMetrics();
    Map<String, Object> client =
        Map.of(
            StreamsConfig.STATE_DIR_CONFIG,
            stateDir,
            // Static membership: the restarted child takes over the killed member's place at once
            // instead of waiting out its session timeout (45 s) in a rebalance.
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            names.applicationId() + "-member");
    KafkaStreams streams =
        new KafkaStreams(
            ExplainerTopology.build(
                config, ModelCatalog.of(model), predictions, attributions, metrics, durability),
            StreamsSettings.defaults(names.applicationId(), bootstrap).toProperties(client));
    // Only for the test's final, graceful stop (SIGTERM): close commits the last transaction, so
    // the test can then read the committed output to its end. SIGKILL skips this hook.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(30))));
    streams.start();

    String last = "";
    while (true) {
      String status =
          String.format(
              "STATUS state=%s buffered=%d in=%d out=%d dlq=%d",
              streams.state(),
              metrics.buffered(),
              metrics.eventsIn(),
              metrics.eventsOut(),
              metrics.deadLetteredTotal());
      if (!status.equals(last)) {
        System.out.println(status);
        System.out.flush();
        last = status;
      }
      Thread.sleep(50);
    }
  }
}
