package io.igstream.app;

import io.igstream.app.config.ExplainerAppConfig.DeviceRequest;
import io.igstream.app.http.OperationsServer;
import io.igstream.app.http.StreamMetricsExposition;
import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCodeEvent;
import io.igstream.model.Device;
import io.igstream.model.DevicePlacement;
import io.igstream.model.DeviceProbe;
import io.igstream.model.ModelExplainer;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.serde.SchemaRegistryClient;
import io.igstream.spec.ModelSpecReader;
import io.igstream.stream.ExplainerService;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.stream.ExplainerTopology;
import io.igstream.stream.ModelCatalog;
import io.igstream.stream.StreamMetrics;
import io.igstream.stream.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a running explainer holds, wired in one place for {@code run} and {@code demo}: the
 * models (loaded once, shared by every stream thread), the registry serdes, the Kafka Streams
 * service and the operations HTTP server. Closing it closes all of them, in reverse order.
 */
final class ExplainerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExplainerRuntime.class);
  private final List<ModelExplainer> models;
  private final StreamMetrics metrics;
  private final ExplainerService service;
  private final OperationsServer http;

  private ExplainerRuntime(
      List<ModelExplainer> models,
      StreamMetrics metrics,
      ExplainerService service,
      OperationsServer http) {
    this.models = models;
    this.metrics = metrics;
    this.service = service;
    this.http = http;
  }

  /** What a runtime needs; {@code clientSettings} are Kafka and registry keys, passed through. */
  record Settings(
      String applicationId,
      String bootstrapServers,
      Map<String, Object> clientSettings,
      List<Path> modelDirs,
      ExplainerStreamConfig stream,
      String httpHost,
      int httpPort) {

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
      return new Settings(
          applicationId,
          kafka.bootstrapServers(),
          Map.of("schema.registry.url", registry.url(), "state.dir", stateDir.toString()),
          List.of(model),
          ExplainerStreamConfig.defaults(),
          "127.0.0.1",
          httpPort);
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
    List<ModelExplainer> models = loadModels(s.modelDirs(), placement.device());
    ExplainerService service = null;
    try {
      StreamMetrics metrics = new StreamMetrics();
      Map<String, Object> registry = new HashMap<>(s.clientSettings());
      SchemaRegistryClient client = SchemaRegistryClient.fromConfig(registry);
      Deserializer<PredictionEvent> in =
          new ConfluentAvroDeserializer<>(PredictionEvent.class, client);
      in.configure(registry, false);
      Serializer<AttributionEvent> out = new ConfluentAvroSerializer<>(client);
      out.configure(registry, false);
      Serializer<ReasonCodeEvent> reasons = new ConfluentAvroSerializer<>(client);
      reasons.configure(registry, false);
      var topology =
          ExplainerTopology.build(s.stream(), catalog(models), in, out, reasons, metrics);
      Properties props =
          StreamsSettings.defaults(s.applicationId(), s.bootstrapServers())
              .toProperties(kafkaOnly(s.clientSettings()));
      service = ExplainerService.start(topology, props);
      ExplainerService running = service;
      OperationsServer http =
          OperationsServer.start(
              s.httpHost(),
              s.httpPort(),
              () -> StreamMetricsExposition.render(metrics, models),
              running::live,
              running::ready);
      return new ExplainerRuntime(models, metrics, service, http);
    } catch (IOException e) {
      closeQuietly(service, models);
      throw new UncheckedIOException(
          "cannot start the operations HTTP server: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(service, models);
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

  List<ModelExplainer> models() {
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
        s.modelDirs(),
        gpu,
        s.httpHost(),
        s.httpPort());
  }

  private static List<ModelExplainer> loadModels(List<Path> dirs, Device device) {
    List<ModelExplainer> models = new ArrayList<>();
    try {
      for (Path dir : dirs) {
        ModelExplainer model =
            ModelExplainer.open(dir, ModelSpecReader.forModel(dir, Optional.empty()), device);
        models.add(model);
        LOG.info(
            "model {} explained with {}{}",
            model.spec().name(),
            model.integrationMethod(),
            model
                .exactUnavailableReason()
                .map(why -> " (exact not available: " + why + ")")
                .orElse(""));
      }
      return models;
    } catch (RuntimeException e) {
      models.forEach(ModelExplainer::close);
      throw e;
    }
  }

  /** The first directory listed for a name serves that name's events without a version. */
  private static ModelCatalog catalog(List<ModelExplainer> models) {
    ModelCatalog.Builder b = ModelCatalog.builder();
    Set<String> named = new HashSet<>();
    for (ModelExplainer m : models) {
      b.add(m);
      if (named.add(m.spec().name())) {
        m.spec().version().ifPresent(v -> b.defaultVersion(m.spec().name(), v));
      }
    }
    return b.build();
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

  private static void closeQuietly(ExplainerService service, List<ModelExplainer> models) {
    if (service != null) {
      service.close();
    }
    models.forEach(ModelExplainer::close);
  }

  @Override
  public void close() {
    http.close();
    service.close();
    models.forEach(ModelExplainer::close);
  }
}
