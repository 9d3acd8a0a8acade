package io.igstream.app.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Every igstream setting of {@code bin/igstream run}, with its documentation, default and
 * validator, in one place. Keys that are not igstream's own ({@code bootstrap.servers}, {@code
 * security.protocol}, {@code sasl.jaas.config}, {@code schema.registry.url}, ...) pass through
 * unchanged to the Kafka clients and the Schema Registry serde.
 */
public final class ExplainerAppConfig extends AbstractConfig {
  public static final String MODELS_CONFIG = "igstream.models";
  private static final String MODELS_DOC =
      "Comma-separated SavedModel directories to serve, each with its igstream-model.json (name,"
          + " version). Several versions of one name may be served; the first listed is the"
          + " default for events without a modelVersion.";

  public static final String INPUT_TOPIC_CONFIG = "igstream.input.topic";
  private static final String INPUT_TOPIC_DOC = "Topic of PredictionEvent records to explain.";

  public static final String OUTPUT_TOPIC_CONFIG = "igstream.output.topic";
  private static final String OUTPUT_TOPIC_DOC = "Topic the AttributionEvent records go to.";

  public static final String DLQ_TOPIC_CONFIG = "igstream.dlq.topic";
  private static final String DLQ_TOPIC_DOC =
      "Dead-letter topic: records that cannot be explained, with their original bytes and headers"
          + " naming the reason, source topic, partition and offset.";

  public static final String SELECT_CONFIG = "igstream.select";
  private static final String SELECT_DOC =
      "Which events to explain: 'all'; 'threshold' (live score >= igstream.select.threshold); or"
          + " 'sample' (a deterministic fraction igstream.select.sample.rate, by event id).";

  public static final String THRESHOLD_CONFIG = "igstream.select.threshold";
  private static final String THRESHOLD_DOC = "Score threshold for igstream.select=threshold.";

  public static final String SAMPLE_RATE_CONFIG = "igstream.select.sample.rate";
  private static final String SAMPLE_RATE_DOC = "Fraction in (0, 1] for igstream.select=sample.";

  public static final String BATCH_SIZE_CONFIG = "igstream.batch.size";
  private static final String BATCH_SIZE_DOC =
      "Events explained together (events x steps go to TensorFlow in one run).";

  public static final String FLUSH_INTERVAL_CONFIG = "igstream.flush.interval.ms";
  private static final String FLUSH_INTERVAL_DOC =
      "A partial batch is explained at most this long after its first event arrived.";

  public static final String HTTP_HOST_CONFIG = "igstream.http.host";
  private static final String HTTP_HOST_DOC = "Address of the /metrics, /live, /ready server.";

  public static final String HTTP_PORT_CONFIG = "igstream.http.port";
  private static final String HTTP_PORT_DOC = "Port of the operations server (0: any free port).";

  public static final String APPLICATION_ID_CONFIG = "application.id";
  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id: the consumer group and the prefix of internal topics.";

  public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
  private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, host:port,...";

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Confluent-compatible Schema Registry URL(s), comma separated.";

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(MODELS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, MODELS_DOC)
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
          .define(
              INPUT_TOPIC_CONFIG, Type.STRING, "predictions", Importance.MEDIUM, INPUT_TOPIC_DOC)
          .define(
              OUTPUT_TOPIC_CONFIG, Type.STRING, "attributions", Importance.MEDIUM, OUTPUT_TOPIC_DOC)
          .define(
              DLQ_TOPIC_CONFIG, Type.STRING, "predictions-dlq", Importance.MEDIUM, DLQ_TOPIC_DOC)
          .define(
              SELECT_CONFIG,
              Type.STRING,
              "all",
              ValidString.in("all", "threshold", "sample"),
              Importance.MEDIUM,
              SELECT_DOC)
          .define(THRESHOLD_CONFIG, Type.DOUBLE, 0.5, Importance.LOW, THRESHOLD_DOC)
          .define(
              SAMPLE_RATE_CONFIG,
              Type.DOUBLE,
              0.1,
              Range.between(1e-9, 1.0),
              Importance.LOW,
              SAMPLE_RATE_DOC)
          .define(
              BATCH_SIZE_CONFIG, Type.INT, 64, Range.atLeast(1), Importance.MEDIUM, BATCH_SIZE_DOC)
          .define(
              FLUSH_INTERVAL_CONFIG,
              Type.LONG,
              200L,
              Range.atLeast(1),
              Importance.MEDIUM,
              FLUSH_INTERVAL_DOC)
          .define(HTTP_HOST_CONFIG, Type.STRING, "0.0.0.0", Importance.LOW, HTTP_HOST_DOC)
          .define(
              HTTP_PORT_CONFIG,
              Type.INT,
              8080,
              Range.between(0, 65535),
              Importance.LOW,
              HTTP_PORT_DOC);

  private final Map<String, String> all;

  /** Validates {@code values}; a {@code ConfigException} names the key and what is wrong. */
  public ExplainerAppConfig(Map<String, String> values) {
    super(DEFINITION, values, false);
    this.all = Map.copyOf(values);
  }

  public List<String> models() {
    return getList(MODELS_CONFIG);
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

  /** The reference documentation of every igstream key, generated from the definitions. */
  public static String markdownReference() {
    StringBuilder out = new StringBuilder("| key | env | default | meaning |\n|---|---|---|---|\n");
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      Object def = key.defaultValue;
      out.append("| `").append(key.name).append("` | `").append(ConfigSources.envName(key.name));
      out.append("` | ")
          .append(key.hasDefault() ? "`" + (def == null ? "" : def) + "`" : "(required)")
          .append(" | ")
          .append(key.documentation)
          .append(" |\n");
    }
    return out.toString();
  }
}
