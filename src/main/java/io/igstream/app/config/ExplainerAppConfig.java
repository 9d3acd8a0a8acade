package io.igstream.app.config;

import io.igstream.app.dashboard.DashboardSettings;
import io.igstream.app.models.ModelSources;
import io.igstream.model.Device;
import io.igstream.stream.BoundedRocksDbMemory;
import io.igstream.stream.ExplainerStreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every igstream setting of {@code bin/igstream run}, with its documentation, default and
 * validator: the topology's keys ({@link ExplainerStreamConfig#CONFIG_DEF}) plus the app's own.
 * Keys that are not igstream's ({@code security.protocol}, {@code sasl.jaas.config}, {@code
 * basic.auth.user.info}, ...) pass through unchanged to the Kafka clients and the registry serde.
 */
public final class ExplainerAppConfig extends AbstractConfig {
  public static final String MODELS_CONFIG = "igstream.models";
  private static final String MODELS_DOC =
      "Comma-separated SavedModel directories to serve, each with its igstream-model.json (name,"
          + " version). Several versions of one name may be served; the first listed is the"
          + " default for events without a modelVersion. This or igstream.models.root is required.";

  public static final String MODELS_ROOT_CONFIG = "igstream.models.root";
  private static final String MODELS_ROOT_DOC =
      "A directory in TF Serving layout, ROOT/NAME/VERSION/ (numeric version directories"
          + " holding saved_model.pb and optionally igstream-model.json, whose name and version must"
          + " match the path). Every version present is served; the highest is the default for"
          + " events without a modelVersion (a name also listed in igstream.models defaults to the"
          + " listed directory). Other directories, e.g. 3.tmp, are ignored.";

  public static final String MODELS_POLL_INTERVAL_CONFIG = "igstream.models.poll.interval.ms";
  private static final String MODELS_POLL_INTERVAL_DOC =
      "How often the model directories are checked for new, changed and removed models (0: never)."
          + " A changed directory is loaded once unchanged for one interval, probed, and swapped in"
          + " without a restart; batches already running finish on the old model, which is closed"
          + " after them. A model that fails to load is refused (logged, counted in"
          + " igstream_model_refused_total) and the old one keeps serving.";

  public static final String HTTP_HOST_CONFIG = "igstream.http.host";
  private static final String HTTP_HOST_DOC =
      "Address of the /metrics, /live, /ready and dashboard server.";

  public static final String HTTP_PORT_CONFIG = "igstream.http.port";
  private static final String HTTP_PORT_DOC = "Port of the operations server (0: any free port).";

  public static final String HTTP_ADVERTISED_HOST_CONFIG = "igstream.http.advertised.host";
  private static final String HTTP_ADVERTISED_HOST_DOC =
      "Host (or IP) other instances reach this one's HTTP server at: the dashboard asks every"
          + " instance for its slice there (Kafka Streams application.server). Unset: the bind"
          + " host, or this machine's host name when the bind host is a wildcard (0.0.0.0, ::)."
          + " In Kubernetes set it to the pod IP.";

  public static final String DASHBOARD_TOKEN_CONFIG = "igstream.dashboard.token";
  private static final String DASHBOARD_TOKEN_DOC =
      "When set, the dashboard page and /api/* need this token: an Authorization: Bearer header,"
          + " or ?token= once in the browser (kept in an HttpOnly cookie). /live, /ready and"
          + " /metrics stay open.";

  public static final String DASHBOARD_SHOW_FEATURES_CONFIG = "igstream.dashboard.show.features";
  private static final String DASHBOARD_SHOW_FEATURES_DOC =
      "Whether the dashboard shows the raw feature values of recent events (they may be personal"
          + " data); attributions are always shown.";

  public static final String APPLICATION_ID_CONFIG = "application.id";
  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id: the consumer group and the prefix of internal topics.";

  public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
  private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, host:port,...";

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Confluent-compatible Schema Registry URL(s), comma separated.";

  public static final String DEVICE_CONFIG = "igstream.device";
  private static final String DEVICE_DOC =
      "Where models run: cpu, or gpu (needs the GPU image / mvn -Pgpu and a visible CUDA device;"
          + " without one igstream warns and runs on CPU unless igstream.require.gpu is true).";

  public static final String REQUIRE_GPU_CONFIG = "igstream.require.gpu";
  private static final String REQUIRE_GPU_DOC =
      "With igstream.device=gpu: exit non-zero at start-up, naming what is missing, instead of"
          + " falling back to CPU.";

  public static final String GPU_BATCH_SIZE_CONFIG = "igstream.gpu.batch.size";
  private static final String GPU_BATCH_SIZE_DOC =
      "Events per explained batch when the models run on a GPU (0: igstream.explain.batch.size)."
          + " GPUs want larger batches than CPUs.";

  public static final String ROCKSDB_MEMORY_CONFIG = "igstream.rocksdb.memory.mb";
  private static final String ROCKSDB_MEMORY_DOC =
      "Off-heap memory all RocksDB state stores of this instance share (block cache, index and"
          + " filter blocks, memtables), in MiB. Without a cap each store task takes its own ~100 MB"
          + " and RSS grows with partitions and write traffic.";

  public static final ConfigDef DEFINITION =
      new ConfigDef(ExplainerStreamConfig.CONFIG_DEF)
          .define(MODELS_CONFIG, Type.LIST, null, Importance.HIGH, MODELS_DOC)
          .define(MODELS_ROOT_CONFIG, Type.STRING, null, Importance.HIGH, MODELS_ROOT_DOC)
          .define(
              MODELS_POLL_INTERVAL_CONFIG,
              Type.LONG,
              10_000L,
              Range.atLeast(0),
              Importance.MEDIUM,
              MODELS_POLL_INTERVAL_DOC)
          .define(
              BOOTSTRAP_SERVERS_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              BOOTSTRAP_SERVERS_DOC)
          .define(
              SCHEMA_REGISTRY_URL_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              SCHEMA_REGISTRY_URL_DOC)
          .define(
              APPLICATION_ID_CONFIG, Type.STRING, "igstream", Importance.HIGH, APPLICATION_ID_DOC)
          .define(HTTP_HOST_CONFIG, Type.STRING, "0.0.0.0", Importance.LOW, HTTP_HOST_DOC)
          .define(
              HTTP_PORT_CONFIG,
              Type.INT,
              8080,
              Range.between(0, 65535),
              Importance.LOW,
              HTTP_PORT_DOC)
          .define(
              HTTP_ADVERTISED_HOST_CONFIG,
              Type.STRING,
              null,
              Importance.LOW,
              HTTP_ADVERTISED_HOST_DOC)
          .define(
              DASHBOARD_TOKEN_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, DASHBOARD_TOKEN_DOC)
          .define(
              DASHBOARD_SHOW_FEATURES_CONFIG,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              DASHBOARD_SHOW_FEATURES_DOC)
          .define(
              DEVICE_CONFIG,
              Type.STRING,
              "cpu",
              ConfigDef.CaseInsensitiveValidString.in("cpu", "gpu"),
              Importance.MEDIUM,
              DEVICE_DOC)
          .define(REQUIRE_GPU_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, REQUIRE_GPU_DOC)
          .define(
              GPU_BATCH_SIZE_CONFIG,
              Type.INT,
              0,
              Range.atLeast(0),
              Importance.LOW,
              GPU_BATCH_SIZE_DOC)
          .define(
              ROCKSDB_MEMORY_CONFIG,
              Type.INT,
              (int) (BoundedRocksDbMemory.DEFAULT_BUDGET_BYTES >> 20),
              Range.atLeast(8),
              Importance.LOW,
              ROCKSDB_MEMORY_DOC);

  private final Map<String, String> all;

  /** Validates {@code values}; a {@code ConfigException} names the key and what is wrong. */
  public ExplainerAppConfig(Map<String, String> values) {
    super(DEFINITION, values, false);
    this.all = Map.copyOf(values);
    stream();
    if (models().isEmpty() && getString(MODELS_ROOT_CONFIG) == null) {
      throw new ConfigException(
          "no models: set "
              + MODELS_CONFIG
              + " (SavedModel directories) or "
              + MODELS_ROOT_CONFIG
              + " (a TF Serving layout root)");
    }
  }

  /** The topology's settings (topics, selection, batching), validated. */
  public ExplainerStreamConfig stream() {
    return ExplainerStreamConfig.fromMap(all);
  }

  public List<String> models() {
    List<String> listed = getList(MODELS_CONFIG);
    return listed == null ? List.of() : listed;
  }

  /** The listed directories, the TF Serving root and the poll interval. */
  public ModelSources modelSources() {
    return new ModelSources(
        models().stream().map(Path::of).toList(),
        Optional.ofNullable(getString(MODELS_ROOT_CONFIG)).map(Path::of),
        Duration.ofMillis(getLong(MODELS_POLL_INTERVAL_CONFIG)));
  }

  /** The device asked for, whether a GPU is required, and the GPU batch size (0: the default). */
  public DeviceRequest device() {
    return new DeviceRequest(
        Device.parse(getString(DEVICE_CONFIG)),
        getBoolean(REQUIRE_GPU_CONFIG),
        getInt(GPU_BATCH_SIZE_CONFIG));
  }

  /** The dashboard's settings: token, whether raw features show, advertised host, drift topic. */
  public DashboardSettings dashboard() {
    Password token = getPassword(DASHBOARD_TOKEN_CONFIG);
    return new DashboardSettings(
        Optional.ofNullable(token).map(Password::value).filter(t -> !t.isEmpty()),
        getBoolean(DASHBOARD_SHOW_FEATURES_CONFIG),
        Optional.ofNullable(getString(HTTP_ADVERTISED_HOST_CONFIG)).filter(h -> !h.isBlank()),
        getString(ExplainerStreamConfig.DRIFT_TOPIC_CONFIG));
  }

  /** {@link #device()}'s answer. */
  public record DeviceRequest(Device device, boolean requireGpu, int gpuBatchSize) {
    /** CPU, nothing required: what the demo and the tests use. */
    public static final DeviceRequest CPU = new DeviceRequest(Device.CPU, false, 0);
  }

  /** Every key that is not igstream's own: Kafka client and Schema Registry settings. */
  public Map<String, Object> passThrough() {
    Map<String, Object> out = new HashMap<>();
    all.forEach(
        (k, v) -> {
          if (!k.startsWith(ConfigSources.OWN_PREFIX)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /**
   * What the Kafka Streams instance is configured with besides igstream's own settings: the
   * pass-through keys, and the RocksDB memory budget for {@link BoundedRocksDbMemory}.
   */
  public Map<String, Object> streamsClientSettings() {
    Map<String, Object> out = passThrough();
    out.put(BoundedRocksDbMemory.BUDGET_BYTES_CONFIG, (long) getInt(ROCKSDB_MEMORY_CONFIG) << 20);
    return out;
  }

  /** The reference documentation of every igstream key, generated from the definitions. */
  public static String markdownReference() {
    StringBuilder out = new StringBuilder("| key | env | default | meaning |\n|---|---|---|---|\n");
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      Object def = key.defaultValue;
      out.append("| `").append(key.name).append("` | `").append(ConfigSources.envName(key.name));
      out.append("` | ")
          .append(key.hasDefault() ? (def == null ? "unset" : "`" + def + "`") : "(required)")
          .append(" | ")
          .append(key.documentation)
          .append(" |\n");
    }
    return out.toString();
  }
}
