package io.igstream.serde;

import java.util.Map;
import java.util.Optional;

/**
 * Serde settings beyond the client's ({@link SchemaRegistryClientConfig}), under Confluent's key
 * names.
 *
 * <ul>
 *   <li>{@value #AUTO_REGISTER_SCHEMAS} (default {@code true}): register the record's schema under
 *       the subject; when {@code false} the schema must already be registered (looked up, never
 *       registered).
 *   <li>{@value #USE_LATEST_VERSION} (default {@code false}): write with the subject's latest
 *       registered schema instead of the record's own (the record is resolved to it first).
 *   <li>{@value #VALUE_TYPE} / {@value #KEY_TYPE}: the generated class to read into, for a
 *       deserializer made with the no-argument constructor (as Kafka does from a class name).
 * </ul>
 *
 * Subjects follow Confluent's TopicNameStrategy: {@code <topic>-value} or {@code <topic>-key}.
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion) {
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String VALUE_TYPE = "specific.avro.value.type";
  public static final String KEY_TYPE = "specific.avro.key.type";

  static AvroSerdeConfig parse(Map<String, ?> config) {
    return new AvroSerdeConfig(
        bool(config, AUTO_REGISTER_SCHEMAS, true), bool(config, USE_LATEST_VERSION, false));
  }

  /** TopicNameStrategy. */
  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  /** The reader class named by {@value #KEY_TYPE} or {@value #VALUE_TYPE}, if any. */
  static Optional<Class<?>> readerType(Map<String, ?> config, boolean isKey) {
    String key = isKey ? KEY_TYPE : VALUE_TYPE;
    Object value = config.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Class<?> type) {
      return Optional.of(type);
    }
    try {
      return Optional.of(
          Class.forName(
              value.toString().trim(), true, Thread.currentThread().getContextClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new SerdeConfigException(key, value, "class not found");
    }
  }

  private static boolean bool(Map<String, ?> config, String key, boolean defaultValue) {
    Object value = config.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new SerdeConfigException(key, value, "expected true or false");
  }
}
