package io.igstream.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Merges a properties file with the environment, the way Kubernetes wants it: every key {@code
 * a.b.c} can be overridden by {@code IGSTREAM_A_B_C} (for igstream's own keys the {@code igstream.}
 * prefix is dropped: {@code igstream.batch.size} &larr; {@code IGSTREAM_BATCH_SIZE}), and any Kafka
 * client setting absent from the file can be given as {@code IGSTREAM_KAFKA_<KEY>} ({@code
 * IGSTREAM_KAFKA_SECURITY_PROTOCOL=SASL_SSL} &rarr; {@code security.protocol}).
 */
public final class ConfigSources {
  static final String ENV_PREFIX = "IGSTREAM_";
  static final String KAFKA_ENV_PREFIX = "IGSTREAM_KAFKA_";
  static final String OWN_PREFIX = "igstream.";

  private ConfigSources() {}

  /** The file's keys, then environment overrides; {@code file} may be null (environment only). */
  public static Map<String, String> load(Path file, Map<String, String> env, Iterable<String> known)
      throws IOException {
    Map<String, String> merged = new TreeMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        props.load(in);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(
            "config file " + file.toAbsolutePath() + " does not exist; pass --config FILE");
      }
      props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).trim()));
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith(KAFKA_ENV_PREFIX)) {
        String key =
            e.getKey()
                .substring(KAFKA_ENV_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
        merged.put(key, e.getValue());
      }
    }
    java.util.Set<String> keys = new java.util.TreeSet<>(merged.keySet());
    known.forEach(keys::add);
    for (String key : keys) {
      String value = env.get(envName(key));
      if (value != null) {
        merged.put(key, value);
      }
    }
    return merged;
  }

  /** The environment variable overriding {@code key}. */
  public static String envName(String key) {
    String bare = key.startsWith(OWN_PREFIX) ? key.substring(OWN_PREFIX.length()) : key;
    return ENV_PREFIX + bare.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
