package io.igstream.app;

import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.drift.DriftWindows;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.stream.ExplainerStreamConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code igstream demo}: the whole product on one machine, with nothing to install. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the streaming explainer end to end on embedded Kafka and Schema Registry.",
      "Starts a real single-node KRaft broker and a Confluent-compatible registry in-process,",
      "trains/loads the demo fraud model, produces a synthetic stream (normal traffic, fraud",
      "bursts, a trickle of each kind of bad input) and shows the attribution events live.",
      "With --events N it stops once N attribution events are read back and every produced",
      "record is accounted for, and prints a summary whose last line is machine-readable."
    })
final class DemoCommand implements Callable<Integer> {
  static final String INPUT = "predictions";
  static final String OUTPUT = "attributions";
  static final String DLQ = "predictions-dlq";
  static final String REASONS = "reason-codes";
  static final String DRIFT = "attribution-drift";

  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Stop after N attribution events and print the summary (default: run on).")
  Integer events;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "Good events per second produced when running on (default 500).")
  int rate;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description =
          "Port of the dashboard and /metrics, /live, /ready (0: any free port; default 8080).")
  int httpPort;

  @Option(names = "--timeout", defaultValue = "600", description = "Give up after this many s.")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (events != null && events < 1) {
      throw new CliException("--events must be at least 1");
    }
    if (rate < 1) {
      throw new CliException("--rate must be at least 1 event per second");
    }
    PrintWriter out = command.commandLine().getOut();
    Path model = DemoModel.ensure();
    Path state = Files.createDirectories(DemoModel.home().resolve("demo"));
    state = Files.createTempDirectory(state, "streams-state-");
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start()) {
      EmbeddedTopics.create(kafka, ExplainerStreamConfig.defaults());
      ExplainerRuntime.Settings settings =
          ExplainerRuntime.Settings.embedded(
                  "igstream-demo", kafka, registry, model, state, DemoPorts.freeOr(httpPort))
              .withStream(demoStream(rate));
      try (ExplainerRuntime runtime = ExplainerRuntime.start(settings)) {
        out.printf(
            "Kafka:           %s (attach kcat, Confluent clients or another Streams app)%n"
                + "Schema Registry: %s%n"
                + "Dashboard:       %s%n"
                + "Metrics:         http://127.0.0.1:%d/metrics  (/live, /ready)%n"
                + "Topics:          %s -> %s, alerts' reason codes -> %s, dead letters -> %s,"
                + " drift -> %s%n",
            kafka.bootstrapServers(),
            registry.url(),
            runtime.dashboardUrl(),
            runtime.httpPort(),
            INPUT,
            OUTPUT,
            REASONS,
            DLQ,
            DRIFT);
        runtime.service().awaitReady(Duration.ofSeconds(60));
        return new DemoLoop(
                out,
                kafka.bootstrapServers(),
                serializer(registry),
                deserializer(registry, AttributionEvent.class),
                deserializer(registry, DriftEvent.class),
                rate)
            .run(runtime, events, Duration.ofSeconds(timeoutSeconds));
      }
    } finally {
      DemoPorts.deleteRecursively(state);
    }
  }

  private static ConfluentAvroSerializer<PredictionEvent> serializer(EmbeddedSchemaRegistry r) {
    ConfluentAvroSerializer<PredictionEvent> s = new ConfluentAvroSerializer<>();
    s.configure(Map.of("schema.registry.url", r.url()), false);
    return s;
  }

  private static <T extends org.apache.avro.specific.SpecificRecord>
      ConfluentAvroDeserializer<T> deserializer(EmbeddedSchemaRegistry r, Class<T> type) {
    ConfluentAvroDeserializer<T> d = new ConfluentAvroDeserializer<>(type);
    d.configure(Map.of("schema.registry.url", r.url()), false);
    return d;
  }

  /**
   * The demo's drift windows: {@value DemoTraffic#EVENTS_PER_WINDOW} events each on the traffic's
   * simulated clock (1 s at the default rate), judged from 100 events, compared with the first
   * window; the thresholds are the production defaults. Grace is two windows: the demo's clock runs
   * faster than the explainer, so one input partition's events can run a second or more ahead of
   * another's on their way to the drift task.
   */
  static ExplainerStreamConfig demoStream(int rate) {
    ExplainerStreamConfig defaults = ExplainerStreamConfig.defaults();
    long window = DemoTraffic.windowMillis(rate);
    return defaults.withDrift(
        defaults
            .drift()
            .withWindows(DriftWindows.tumbling(window), Duration.ofMillis(2 * window), 100));
  }
}
