package io.igstream.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.drift.AttributionProfile;
import io.igstream.drift.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes reference profile files (the format is documented on {@link ReferenceProfile}).
 * Every problem names the file and the fix.
 */
final class ReferenceProfileFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReferenceProfileFile() {}

  /** Writes {@code reference} to {@code file} atomically (a temp file renamed into place). */
  static void write(ReferenceProfile reference, Path file) throws IOException {
    AttributionProfile p = reference.profile();
    ObjectNode root = JSON.createObjectNode();
    root.put("format", ReferenceProfile.FORMAT);
    root.put("version", ReferenceProfile.FORMAT_VERSION);
    root.put("model", reference.model());
    reference.modelVersion().ifPresent(v -> root.put("modelVersion", v));
    root.put("events", p.events());
    ArrayNode names = root.putArray("featureNames");
    p.featureNames().forEach(names::add);
    doubles(root.putArray("meanAbsAttribution"), p.meanAbs());
    doubles(root.putArray("meanAttribution"), p.mean());
    doubles(root.putArray("share"), p.share());
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".igstream-", ".partial");
    try {
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a profile file; its label is {@code file:<absolute path>}.
   *
   * @throws IllegalArgumentException naming the file, what is wrong and how to fix it
   */
  static ReferenceProfile read(Path file) {
    String where = "reference profile " + file.toAbsolutePath();
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IllegalArgumentException(
          where + " does not exist; make it with bin/igstream profile --model DIR --input FILE");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          where
              + " is not JSON ("
              + e.getOriginalMessage()
              + "); make it again with bin/igstream profile");
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " cannot be read: " + e.getMessage());
    }
    if (root == null
        || !root.isObject()
        || !ReferenceProfile.FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          where
              + " is not an igstream attribution profile (\"format\": \""
              + ReferenceProfile.FORMAT
              + "\" missing)");
    }
    int version = root.path("version").asInt(-1);
    if (version != ReferenceProfile.FORMAT_VERSION) {
      throw new IllegalArgumentException(
          where
              + " has format version "
              + root.path("version")
              + "; this igstream reads version "
              + ReferenceProfile.FORMAT_VERSION
              + " (make it again with this bin/igstream profile)");
    }
    String model = text(root, "model", where);
    List<String> names = new ArrayList<>();
    JsonNode namesNode = root.path("featureNames");
    if (!namesNode.isArray() || namesNode.isEmpty()) {
      throw new IllegalArgumentException(where + ": \"featureNames\" must be a non-empty array");
    }
    namesNode.forEach(n -> names.add(n.asText()));
    double[] meanAbs = numbers(root, "meanAbsAttribution", names.size(), where);
    double[] mean = numbers(root, "meanAttribution", names.size(), where);
    long events = root.path("events").asLong(0);
    if (events < 1) {
      throw new IllegalArgumentException(where + ": \"events\" must be a positive count");
    }
    for (double v : meanAbs) {
      if (v < 0) {
        throw new IllegalArgumentException(
            where + ": \"meanAbsAttribution\" has a negative value " + v);
      }
    }
    Optional<String> modelVersion =
        root.hasNonNull("modelVersion")
            ? Optional.of(root.get("modelVersion").asText())
            : Optional.empty();
    return new ReferenceProfile(
        model,
        modelVersion,
        AttributionProfile.of(names, events, meanAbs, mean),
        "file:" + file.toAbsolutePath());
  }

  private static String text(JsonNode root, String field, String where) {
    JsonNode n = root.path(field);
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" must be a non-empty string");
    }
    return n.asText();
  }

  private static double[] numbers(JsonNode root, String field, int n, String where) {
    JsonNode a = root.path(field);
    if (!a.isArray() || a.size() != n) {
      throw new IllegalArgumentException(
          where + ": \"" + field + "\" must be an array of " + n + " numbers, one per feature");
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode v = a.get(i);
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw new IllegalArgumentException(
            where + ": \"" + field + "\"[" + i + "] is " + v + ", not a finite number");
      }
      out[i] = v.asDouble();
    }
    return out;
  }

  private static void doubles(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(v);
    }
  }
}
