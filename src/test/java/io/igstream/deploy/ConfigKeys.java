package io.igstream.deploy;

import io.igstream.app.config.ConfigSources;
import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.serde.AvroSerdeConfig;
import io.igstream.serde.SchemaRegistryClientConfig;
import io.igstream.serde.TlsSettings;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** What an environment variable set by a manifest means to {@code igstream run}. */
final class ConfigKeys {
  /** Environment variables the image itself reads (not igstream configuration). */
  static final Set<String> NON_CONFIG_ENV =
      Set.of(
          "TF_CPP_MIN_LOG_LEVEL",
          "TF_NUM_INTRAOP_THREADS",
          "LD_PRELOAD",
          "JAVA_TOOL_OPTIONS",
          "NVIDIA_VISIBLE_DEVICES");

  private ConfigKeys() {}

  /** The igstream key overridden by {@code env}, if it is one of ExplainerAppConfig's. */
  static Optional<String> ownKey(String env) {
    return ExplainerAppConfig.DEFINITION.names().stream()
        .filter(k -> ConfigSources.envName(k).equals(env))
        .findFirst();
  }

  /** Every setting a Kafka client, Kafka Streams or the registry serde understands. */
  static Set<String> clientKeys() {
    Set<String> keys = new HashSet<>(StreamsConfig.configDef().names());
    keys.addAll(ConsumerConfig.configNames());
    keys.addAll(ProducerConfig.configNames());
    keys.addAll(AdminClientConfig.configNames());
    keys.addAll(
        Set.of(
            SchemaRegistryClientConfig.URL,
            SchemaRegistryClientConfig.CREDENTIALS_SOURCE,
            SchemaRegistryClientConfig.USER_INFO,
            SchemaRegistryClientConfig.CONNECT_TIMEOUT_MS,
            SchemaRegistryClientConfig.READ_TIMEOUT_MS,
            SchemaRegistryClientConfig.LATEST_CACHE_TTL_SEC,
            TlsSettings.TRUSTSTORE_LOCATION,
            TlsSettings.TRUSTSTORE_PASSWORD,
            TlsSettings.TRUSTSTORE_TYPE,
            TlsSettings.KEYSTORE_LOCATION,
            TlsSettings.KEYSTORE_PASSWORD,
            TlsSettings.KEYSTORE_TYPE,
            TlsSettings.KEY_PASSWORD,
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            AvroSerdeConfig.USE_LATEST_VERSION));
    return keys;
  }

  /** The client key {@code IGSTREAM_KAFKA_<KEY>} becomes (as ConfigSources maps it). */
  static String passThroughKey(String env) {
    return env.substring("IGSTREAM_KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** Why {@code env} means nothing to igstream, or empty when it does. */
  static Optional<String> problem(String env) {
    if (NON_CONFIG_ENV.contains(env) || ownKey(env).isPresent()) {
      return Optional.empty();
    }
    if (env.startsWith("IGSTREAM_KAFKA_")) {
      String key = passThroughKey(env);
      return clientKeys().contains(key)
          ? Optional.empty()
          : Optional.of(env + " becomes '" + key + "', which no Kafka client or serde knows");
    }
    return Optional.of(
        env
            + " is neither ConfigSources.envName of an ExplainerAppConfig key nor an"
            + " IGSTREAM_KAFKA_ pass-through nor one of "
            + NON_CONFIG_ENV);
  }
}
