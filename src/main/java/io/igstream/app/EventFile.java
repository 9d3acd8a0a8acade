package io.igstream.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.igstream.model.InputEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads {@code explain}'s input: JSON Lines, one event per line: {@code {"id": "...", "features":
 * [numbers]}}, optionally {@code "score"} (the live model's score) and {@code "baseline"} (a
 * per-event baseline vector). Blank lines are skipped. Every problem names file, line and fix.
 */
final class EventFile {
  // NaN/Infinity tokens are parsed so that the error can say exactly what is wrong with them.
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final Path file;
  private final int featureCount;

  /**
   * @param file the JSON Lines file
   * @param featureCount the number of features the model takes, or -1 when unknown
   */
  EventFile(Path file, int featureCount) {
    this.file = file;
    this.featureCount = featureCount;
  }

  /** Reads the whole file once to find the first bad line before any work starts. */
  int validate() {
    int[] count = {0};
    forEach(event -> count[0]++);
    return count[0];
  }

  /** Streams the events in batches of at most {@code batchSize}. */
  void forEachBatch(int batchSize, Consumer<List<InputEvent>> sink) {
    List<List<InputEvent>> pending = new ArrayList<>(List.of(new ArrayList<>()));
    forEach(
        event -> {
          List<InputEvent> batch = pending.get(0);
          batch.add(event);
          if (batch.size() == batchSize) {
            sink.accept(batch);
            pending.set(0, new ArrayList<>());
          }
        });
    if (!pending.get(0).isEmpty()) {
      sink.accept(pending.get(0));
    }
  }

  private void forEach(Consumer<InputEvent> each) {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String text;
      int line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        if (!text.isBlank()) {
          each.accept(parse(text, line));
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliException(
          "input file " + file + " does not exist; pass a JSON Lines file with --input");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private InputEvent parse(String text, int line) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw bad(line, "is not valid JSON (" + e.getOriginalMessage() + ")", EXAMPLE);
    }
    if (node == null || !node.isObject()) {
      throw bad(line, "is not a JSON object", EXAMPLE);
    }
    JsonNode features = node.get("features");
    if (features == null || !features.isArray()) {
      throw bad(line, "has no \"features\" array", EXAMPLE);
    }
    double[] x = numbers(features, line, "features");
    if (featureCount >= 0 && x.length != featureCount) {
      throw bad(
          line,
          "has " + x.length + " features but the model takes " + featureCount,
          "give exactly " + featureCount + " numbers, in the order of the model's feature names");
    }
    String id = node.hasNonNull("id") ? node.get("id").asText() : "line-" + line;
    Optional<Double> score = Optional.empty();
    if (node.hasNonNull("score")) {
      if (!node.get("score").isNumber()) {
        throw bad(line, "has a non-numeric \"score\"", "write the live score as a number");
      }
      score = Optional.of(node.get("score").asDouble());
    }
    Optional<double[]> baseline = Optional.empty();
    if (node.hasNonNull("baseline")) {
      double[] b = numbers(node.get("baseline"), line, "baseline");
      if (b.length != x.length) {
        throw bad(
            line,
            "has a baseline of " + b.length + " numbers for " + x.length + " features",
            "give the per-event baseline the same length as \"features\"");
      }
      baseline = Optional.of(b);
    }
    return new InputEvent(id, x, score, baseline);
  }

  private double[] numbers(JsonNode array, int line, String field) {
    if (!array.isArray()) {
      throw bad(line, "has a \"" + field + "\" that is not an array", EXAMPLE);
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = array.get(i);
      if (!v.isNumber()) {
        throw bad(
            line,
            "has a non-numeric value " + v + " at " + field + "[" + i + "]",
            "every feature must be a JSON number (NaN and Infinity are not allowed)");
      }
      out[i] = v.asDouble();
      if (!Double.isFinite(out[i])) {
        throw bad(line, "has a non-finite value at " + field + "[" + i + "]", "use finite numbers");
      }
    }
    return out;
  }

  private static final String EXAMPLE =
      "each line must look like {\"id\": \"e1\", \"features\": [0.1, 2.0, ...]}";

  private CliException bad(int line, String problem, String fix) {
    return new CliException(file + " line " + line + " " + problem + "; " + fix);
  }
}
