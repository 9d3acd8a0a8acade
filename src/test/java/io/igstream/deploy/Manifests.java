package io.igstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every YAML document under k8s/ (multi-document files split), parsed once. */
record Manifests(List<Doc> docs) {
  static final Path K8S = Path.of("k8s");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One YAML document and the file it came from. */
  record Doc(Path file, JsonNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return file + " " + kind() + "/" + name();
    }
  }

  static Manifests load() {
    List<Doc> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(K8S)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        docs.addAll(parse(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifests(docs);
  }

  static List<Doc> parse(Path file) throws IOException {
    List<Doc> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          out.add(new Doc(file, n));
        }
      }
    }
    return out;
  }

  List<Doc> ofKind(String kind) {
    return docs.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  Doc one(String kind) {
    List<Doc> all = ofKind(kind);
    if (all.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + all);
    }
    return all.get(0);
  }

  /** The explainer's properties file, as the ConfigMap carries it. */
  Map<String, String> properties() {
    String text = one("ConfigMap").node().path("data").path("igstream.properties").asText();
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
    return out;
  }
}
