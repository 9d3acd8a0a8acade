package io.igstream.serde;

/**
 * A serde or registry-client setting that cannot work, named with its key. Thrown from {@code
 * configure}, so a misconfigured application fails at start-up, not on its first record. (Not
 * Kafka's {@code ConfigException}: {@code serde} uses only kafka-clients' serialization, header and
 * errors packages.)
 */
public class SerdeConfigException extends IllegalArgumentException {
  public SerdeConfigException(String message) {
    super(message);
  }

  public SerdeConfigException(String key, Object value, String why) {
    super("Invalid value " + value + " for configuration " + key + ": " + why);
  }
}
