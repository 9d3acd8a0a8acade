package io.igstream.app;

import io.igstream.app.config.ExplainerAppConfig.DeviceRequest;
import io.igstream.app.dashboard.DashboardApi;
import io.igstream.app.dashboard.DashboardAuth;
import io.igstream.app.dashboard.DashboardHandler;
import io.igstream.app.dashboard.DashboardSettings;
import io.igstream.app.dashboard.DriftTopicCheck;
import io.igstream.app.dashboard.LateHandler;
import io.igstream.app.dashboard.LiveInstanceView;
import io.igstream.app.http.OperationsServer;
import io.igstream.app.http.StreamMetricsExposition;
import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.models.ModelRotation;
import io.igstream.app.models.ModelSources;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCodeEvent;
import io.igstream.drift.ReferenceProfile;
import io.igstream.model.Device;
import io.igstream.model.DevicePlacement;
import io.igstream.model.DeviceProbe;
import io.igstream.model.ModelExplainer;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.serde.SchemaRegistryClient;
import io.igstream.stream.DashboardQueries;
import io.igstream.stream.DashboardStores;
import io.igstream.stream.DriftWiring;
import io.igstream.stream.ExplainerService;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.stream.ExplainerTopology;
import io.igstream.stream.StreamMetrics;
import io.igstream.stream.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a running explainer holds, wired in one place for {@code run} and {@code demo}: the
 * models (shared by every stream thread, rotated by {@link ModelRotation} when their sources are
 * watched), the registry serdes, the Kafka Streams service and the operations HTTP server. Closing
 * it closes all of them, in reverse order.
 */
final class ExplainerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExplainerRuntime.class);
  private final ModelRotation models;
  private final StreamMetrics metrics;
  private final ExplainerService service;
  private final OperationsServer http;
  private final LiveInstanceView dashboard;

  private ExplainerRuntime(
      ModelRotation models,
      StreamMetrics metrics,
      ExplainerService service,
      OperationsServer http,
      LiveInstanceView dashboard) {
    this.models = models;
    this.metrics = metrics;
    this.service = service;
    this.http = http;
    this.dashboard = dashboard;
  }

  /** What a runtime needs; {@code clientSettings} are Kafka and registry keys, passed through. */
  record Settings(
      String applicationId,
      String bootstrapServers,
      Map<String, Object> clientSettings,
      ModelSources models,
      ExplainerStreamConfig stream,
      String httpHost,
      int httpPort,
      DashboardSettings dashboard) {

    /** The same settings with another topology configuration. */
    Settings withStream(ExplainerStreamConfig newStream) {
      return new Settings(
          applicationId,
          bootstrapServers,
          clientSettings,
          models,
          newStream,
          httpHost,
          httpPort,
          dashboard);
    }

    /**
     * The settings of an explainer on the embedded broker and registry (demo, bench, tests): the
     * default topics and one model, Kafka Streams state under {@code stateDir}.
     */
    static Settings embedded(
        String applicationId,
        EmbeddedKafkaBroker kafka,
        EmbeddedSchemaRegistry registry,
        Path model,
        Path stateDir,
        int httpPort) {
      return embedded(
          applicationId, kafka, registry, ModelSources.fixed(List.of(model)), stateDir, httpPort);
    }

    /** As above, serving {@code models} (e.g. a watched TF Serving layout root). */
    static Settings embedded(
        String applicationId,
        EmbeddedKafkaBroker kafka,
        EmbeddedSchemaRegistry registry,
        ModelSources models,
        Path stateDir,
        int httpPort) {
      return new Settings(
          applicationId,
          kafka.bootstrapServers(),
          Map.of("schema.registry.url", registry.url(), "state.dir", stateDir.toString()),
          models,
          ExplainerStreamConfig.defaults(),
          "127.0.0.1",
          httpPort,
          DashboardSettings.defaults());
    }

    Settings withDashboard(DashboardSettings newDashboard) {
      return new Settings(
          applicationId,
          bootstrapServers,
          clientSettings,
          models,
          stream,
          httpHost,
          httpPort,
          newDashboard);
    }
  }

  static ExplainerRuntime start(Settings s) {
    return start(s, DeviceRequest.CPU);
  }

  /** Decides the device first: a required GPU that is missing stops here, before any model. */
  static ExplainerRuntime start(Settings given, DeviceRequest request) {
    DevicePlacement placement =
        DevicePlacement.decide(request.device(), request.requireGpu(), DeviceProbe::probe);
    placement.warning().ifPresent(LOG::warn);
    Settings s = withDeviceBatch(given, placement.device(), request.gpuBatchSize());
    LOG.info("models run on {} (batches of {})", placement.device(), s.stream().batchSize());
    ModelRotation models =
        ModelRotation.start(
            s.models(),
            placement.device(),
            catalog -> ExplainerTopology.requireServable(s.stream(), catalog));
    ExplainerService service = null;
    OperationsServer http = null;
    try {
      StreamMetrics metrics = new StreamMetrics();
      AtomicReference<ExplainerService> running = new AtomicReference<>();
      LateHandler dashboardHandler = new LateHandler();
      // Listening first: the bound port is the application.server the other instances call.
      http =
          OperationsServer.start(
              s.httpHost(),
              s.httpPort(),
              () -> StreamMetricsExposition.render(metrics, models),
              () -> running.get() == null || running.get().live(),
              () -> running.get() != null && running.get().ready(),
              Optional.of(dashboardHandler));
      String self = s.dashboard().advertisedHost(s.httpHost()) + ":" + http.port();
      Map<String, Object> registry = new HashMap<>(s.clientSettings());
      SchemaRegistryClient client = SchemaRegistryClient.fromConfig(registry);
      // Wrong credentials or trust stores stop the start here, in seconds, with the keys to check.
      ConnectionCheck.kafka(s.bootstrapServers(), kafkaOnly(s.clientSettings()));
      ConnectionCheck.registry(String.valueOf(registry.get("schema.registry.url")), client);
      Deserializer<PredictionEvent> in =
          new ConfluentAvroDeserializer<>(PredictionEvent.class, client);
      in.configure(registry, false);
      Serializer<AttributionEvent> out = new ConfluentAvroSerializer<>(client);
      out.configure(registry, false);
      Serializer<ReasonCodeEvent> reasons = new ConfluentAvroSerializer<>(client);
      reasons.configure(registry, false);
      Deserializer<AttributionEvent> readBack =
          new ConfluentAvroDeserializer<>(AttributionEvent.class, client);
      readBack.configure(registry, false);
      Serializer<DriftEvent> drift = new ConfluentAvroSerializer<>(client);
      drift.configure(registry, false);
      DriftWiring wiring =
          new DriftWiring(
              readBack,
              drift,
              referenceFiles(s.stream().drift().referenceFiles(), models.loadedExplainers()));
      var topology =
          ExplainerTopology.build(s.stream(), models.catalog(), in, out, reasons, wiring, metrics);
      String driftTopic = s.stream().drift().topic();
      Optional<String> driftProblem =
          DriftTopicCheck.problem(s.bootstrapServers(), kafkaOnly(s.clientSettings()), driftTopic);
      if (driftProblem.isEmpty()) {
        Deserializer<DriftEvent> history =
            new ConfluentAvroDeserializer<>(DriftEvent.class, client);
        history.configure(registry, false);
        DashboardStores.addDriftHistory(topology, driftTopic, history);
      } else {
        LOG.warn("dashboard drift history off: {}", driftProblem.get());
      }
      Map<String, Object> kafka = kafkaOnly(s.clientSettings());
      kafka.put(DashboardQueries.APPLICATION_SERVER_CONFIG, self);
      Properties props =
          StreamsSettings.defaults(s.applicationId(), s.bootstrapServers()).toProperties(kafka);
      service = ExplainerService.start(topology, props);
      running.set(service);
      LiveInstanceView view = new LiveInstanceView(self, service, metrics, driftProblem);
      dashboardHandler.attach(
          new DashboardHandler(
              new DashboardApi(view, s.dashboard()), new DashboardAuth(s.dashboard().token())));
      return new ExplainerRuntime(models, metrics, service, http, view);
    } catch (IOException e) {
      closeQuietly(http, service, models);
      throw new UncheckedIOException(
          "cannot start the operations HTTP server: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(http, service, models);
      throw e;
    }
  }

  StreamMetrics metrics() {
    return metrics;
  }

  ExplainerService service() {
    return service;
  }

  int httpPort() {
    return http.port();
  }

  /** The dashboard's address as advertised to the other instances (and shown to users). */
  String dashboardUrl() {
    return "http://" + dashboard.self() + "/";
  }

  /** The models loaded right now (a rotation replaces them). */
  List<ModelExplainer> models() {
    return models.loadedExplainers();
  }

  ModelRotation modelRotation() {
    return models;
  }

  /** The GPU batch size replaces the default one only when the models run on a GPU. */
  static Settings withDeviceBatch(Settings s, Device device, int gpuBatchSize) {
    if (device != Device.GPU || gpuBatchSize < 1) {
      return s;
    }
    ExplainerStreamConfig gpu = s.stream().withBatching(gpuBatchSize, s.stream().flushInterval());
    return new Settings(
        s.applicationId(),
        s.bootstrapServers(),
        s.clientSettings(),
        s.models(),
        gpu,
        s.httpHost(),
        s.httpPort(),
        s.dashboard());
  }

  /**
   * Reads the drift reference files and checks each against the served model it names: its
   * features, in order. One file per model name.
   *
   * @throws IllegalArgumentException naming the file and the fix
   */
  static Map<String, ReferenceProfile> referenceFiles(
      List<String> files, List<ModelExplainer> models) {
    Map<String, ReferenceProfile> byModel = new HashMap<>();
    for (String f : files) {
      ReferenceProfile r = ReferenceProfileFile.read(Path.of(f));
      ModelExplainer served =
          models.stream()
              .filter(m -> m.spec().name().equals(r.model()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          r.label()
                              + " is a profile of model '"
                              + r.model()
                              + "', which is not served (igstream.models serves "
                              + models.stream().map(m -> m.spec().name()).distinct().toList()
                              + ")"));
      r.requireFeatures(served.spec().name(), served.featureNames());
      if (byModel.put(r.model(), r) != null) {
        throw new IllegalArgumentException(
            "two reference profiles for model '" + r.model() + "' in igstream.drift.reference");
      }
    }
    return byModel;
  }

  /** Registry settings are the serde's; Kafka would log each one as an unknown config. */
  private static Map<String, Object> kafkaOnly(Map<String, Object> settings) {
    Map<String, Object> out = new HashMap<>();
    settings.forEach(
        (k, v) -> {
          boolean registry =
              k.startsWith("schema.registry.")
                  || k.startsWith("basic.auth.")
                  || k.equals("auto.register.schemas")
                  || k.equals("use.latest.version")
                  || k.equals("latest.cache.ttl.sec")
                  || k.startsWith("http.");
          if (!registry) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static void closeQuietly(
      OperationsServer http, ExplainerService service, ModelRotation models) {
    if (http != null) {
      http.close();
    }
    if (service != null) {
      service.close();
    }
    models.close();
  }

  /** The stream stops before the models close: no batch runs on a closed model. */
  @Override
  public void close() {
    http.close();
    dashboard.close();
    service.close();
    models.close();
  }
}
