package io.igstream.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.stream.ExplainerStreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the end-to-end bench runs with besides the defaults, so one knob at a time can be compared
 * back to back ({@code bench --e2e-set KEY=VALUE}, {@code --e2e-method}).
 *
 * <p>A key goes where its prefix says: {@code igstream.*} to the topology's config, {@code
 * broker.*} to the embedded broker's server properties, {@code bench.producer.*} and {@code
 * bench.reader.*} to the bench's own producer and read_committed reader; any other key (e.g. {@code
 * commit.interval.ms}, {@code num.stream.threads}, {@code producer.linger.ms}, {@code
 * max.poll.records}) to the explainer's Kafka Streams and client settings, as {@code run} passes
 * them through.
 *
 * @param method the method the demo model's spec names for this run (e.g. {@code gausslegendre}),
 *     or empty for its own (the default method)
 * @param steps step count for a fixed-rule method
 */
record BenchE2eSettings(
    Optional<String> method,
    int steps,
    Map<String, String> stream,
    Map<String, String> explainerClients,
    Map<String, String> broker,
    Map<String, String> producer,
    Map<String, String> reader) {
  static final String BROKER = "broker.";
  static final String PRODUCER = "bench.producer.";
  static final String READER = "bench.reader.";

  static BenchE2eSettings defaults() {
    return parse(Optional.empty(), 0, List.of());
  }

  /**
   * @throws CliException naming the setting that is malformed or refused
   */
  static BenchE2eSettings parse(Optional<String> method, int steps, List<String> settings) {
    Map<String, String> stream = new LinkedHashMap<>();
    Map<String, String> clients = new LinkedHashMap<>();
    Map<String, String> broker = new LinkedHashMap<>();
    Map<String, String> producer = new LinkedHashMap<>();
    Map<String, String> reader = new LinkedHashMap<>();
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq < 1) {
        throw new CliException(
            "--e2e-set takes KEY=VALUE (e.g. commit.interval.ms=50), got '" + s + "'");
      }
      String key = s.substring(0, eq).trim();
      String value = s.substring(eq + 1).trim();
      if (key.startsWith("igstream.")) {
        stream.put(key, value);
      } else if (key.startsWith(BROKER)) {
        broker.put(key.substring(BROKER.length()), value);
      } else if (key.startsWith(PRODUCER)) {
        producer.put(key.substring(PRODUCER.length()), value);
      } else if (key.startsWith(READER)) {
        reader.put(key.substring(READER.length()), value);
      } else {
        clients.put(key, value);
      }
    }
    BenchE2eSettings parsed =
        new BenchE2eSettings(method, steps, stream, clients, broker, producer, reader);
    parsed.streamConfig();
    return parsed;
  }

  /** The topology's config: the defaults with the {@code igstream.*} settings given. */
  ExplainerStreamConfig streamConfig() {
    try {
      return ExplainerStreamConfig.fromMap(stream);
    } catch (ConfigException e) {
      throw new CliException("--e2e-set: " + e.getMessage());
    }
  }

  /** One line for the report: what differs from the defaults. */
  String describe() {
    StringBuilder b = new StringBuilder();
    method.ifPresent(m -> b.append("method ").append(m).append(steps > 0 ? " " + steps : ""));
    Map<String, String> all = new LinkedHashMap<>(stream);
    all.putAll(explainerClients);
    broker.forEach((k, v) -> all.put(BROKER + k, v));
    producer.forEach((k, v) -> all.put(PRODUCER + k, v));
    reader.forEach((k, v) -> all.put(READER + k, v));
    all.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return b.length() == 0 ? "defaults" : b.toString();
  }

  /**
   * The model to serve: {@code model} itself, or with {@link #method} a copy in {@code scratch}
   * whose spec names that method (the SavedModel's files are linked, not copied).
   */
  Path model(Path model, Path scratch) throws IOException {
    if (method.isEmpty()) {
      return model;
    }
    Path copy = Files.createDirectories(scratch.resolve("model-" + method.get()));
    try (Stream<Path> files = Files.list(model)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("igstream-model.json")) {
          Files.createSymbolicLink(copy.resolve(f.getFileName()), f.toAbsolutePath());
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode spec = (ObjectNode) json.readTree(model.resolve("igstream-model.json").toFile());
    spec.put("method", method.get());
    if (steps > 0) {
      spec.put("steps", steps);
    }
    json.writerWithDefaultPrettyPrinter()
        .writeValue(copy.resolve("igstream-model.json").toFile(), spec);
    return copy;
  }
}
