package io.igstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.avro.PredictionEvent;
import io.igstream.deploy.Dockerfile.Instruction;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.synth.TransactionFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images and the compose file, linted offline (no Docker engine here): what the explainer needs
 * at run time is checked against the text that produces it.
 */
class DockerArtifactsTest {
  private static final String CACHE = "-Dorg.bytedeco.javacpp.cachedir=";
  private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

  /** A versioned tag, optionally followed by a digest. */
  private static final Pattern PINNED =
      Pattern.compile("^[^\\s:@]+:[^\\s:@]*\\d[^\\s:@]*(@sha256:[0-9a-f]{64})?(\\s|$)");

  private static Dockerfile read(String name) throws IOException {
    return Dockerfile.read(Path.of("docker", name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.gpu"})
  void shouldBuildInOneStageAndShipAnotherFromPinnedBases(String name) throws IOException {
    Dockerfile d = read(name);
    List<Instruction> froms = d.all("FROM");
    assertTrue(froms.size() >= 2, name + " is multi-stage");
    assertTrue(froms.get(0).args().contains(" AS build"), name + " first stage builds");
    for (Instruction f : froms) {
      String image = f.args();
      assertTrue(PINNED.matcher(image).find(), name + ": pin a versioned tag: " + f);
      assertFalse(image.contains(":latest"), name + ": " + f);
      String lower = image.toLowerCase();
      assertFalse(lower.contains("alpine") || lower.contains("bullseye"), "glibc < 2.34: " + f);
    }
    String runtimeBase = froms.get(froms.size() - 1).args();
    assertTrue(
        runtimeBase.contains("jammy") || runtimeBase.contains("ubuntu22.04"),
        name + " ships on Ubuntu 22.04 (glibc 2.35): " + runtimeBase);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.gpu"})
  void shouldRunAsANumericNonRootUserWithAHealthCheckOnLive(String name) throws IOException {
    Dockerfile d = read(name);
    List<Instruction> users =
        d.finalStage().stream().filter(i -> i.keyword().equals("USER")).toList();
    assertFalse(users.isEmpty(), name + " sets USER");
    String user = users.get(users.size() - 1).args().split(":")[0];
    assertTrue(user.matches("\\d+") && Integer.parseInt(user) > 0, name + " USER uid: " + user);
    List<Instruction> health = d.all("HEALTHCHECK");
    assertEquals(1, health.size(), name + " has one HEALTHCHECK");
    assertTrue(health.get(0).args().contains("/live"), name + ": " + health.get(0));
    int port = (Integer) ExplainerAppConfig.DEFINITION.defaultValues().get("igstream.http.port");
    assertTrue(
        d.all("EXPOSE").stream().anyMatch(e -> e.args().equals(String.valueOf(port))),
        name + " exposes the operations port " + port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dockerfile", "Dockerfile.gpu"})
  void shouldUnpackTensorFlowAtBuildTimeAndLoadItReadOnlyAtRunTime(String name) throws IOException {
    Dockerfile d = read(name);
    List<Instruction> finalStage = d.finalStage();
    Instruction unpack =
        finalStage.stream()
            .filter(i -> i.keyword().equals("RUN") && i.args().contains(CACHE))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + " unpacks TF into a fixed cache dir"));
    String cacheDir = value(unpack.args(), CACHE);
    Instruction entry =
        finalStage.stream()
            .filter(i -> i.keyword().equals("ENTRYPOINT"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(
        entry.args().startsWith("["), name + " ENTRYPOINT in exec form (signals reach java)");
    assertEquals(cacheDir, value(entry.args(), CACHE), name + " same cache dir at run time");
    assertTrue(entry.args().contains("-Dorg.bytedeco.javacpp.pathsFirst=true"), name);
    String libPath = value(entry.args(), "-Djava.library.path=");
    assertTrue(
        unpack.args().contains(libPath), name + ": the build links " + libPath + " to the libs");
    int unpackAt = finalStage.indexOf(unpack);
    int userAt =
        finalStage.indexOf(
            finalStage.stream().filter(i -> i.keyword().equals("USER")).findFirst().orElseThrow());
    assertTrue(unpackAt < userAt, name + " unpacks as root, before USER: files stay read-only");
    assertTrue(
        finalStage.stream()
            .anyMatch(
                i -> i.keyword().equals("ENV") && i.args().contains("TF_CPP_MIN_LOG_LEVEL=2")),
        name + " sets TF_CPP_MIN_LOG_LEVEL=2");
    String jemalloc = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
    assertTrue(
        finalStage.stream()
            .anyMatch(
                i -> i.keyword().equals("ENV") && i.args().contains("LD_PRELOAD=" + jemalloc)),
        name + " preloads jemalloc (glibc malloc let RSS creep up)");
    assertTrue(
        finalStage.stream()
            .anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("libjemalloc2")),
        name + " installs libjemalloc2, which provides " + jemalloc);
    assertTrue(
        finalStage.stream()
            .anyMatch(i -> i.keyword().equals("CMD") && i.args().contains("\"run\"")),
        name + " runs `run` by default");
  }

  private static String value(String text, String flag) {
    Matcher m = Pattern.compile(Pattern.quote(flag) + "([^\"\\s]+)").matcher(text);
    assertTrue(m.find(), flag + " in " + text);
    return m.group(1);
  }

  @Test
  void shouldBuildTheGpuImageWithTheGpuProfileOnCuda12AndCudnn9() throws IOException {
    Dockerfile gpu = read("Dockerfile.gpu");
    Dockerfile cpu = read("Dockerfile");
    assertTrue(packageLine(gpu).contains("-Pgpu"), "GPU image builds mvn -Pgpu");
    assertFalse(packageLine(cpu).contains("-Pgpu"), "CPU image builds the CPU natives");
    String base = gpu.all("FROM").get(gpu.all("FROM").size() - 1).args();
    assertTrue(base.startsWith("nvidia/cuda:12."), "CUDA 12 runtime: " + base);
    assertTrue(base.contains("cudnn") && base.contains("runtime"), "cuDNN runtime: " + base);
  }

  private static String packageLine(Dockerfile d) {
    return d.all("RUN").stream()
        .map(Instruction::args)
        .filter(a -> a.contains("mvn") && a.contains(" package"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldKeepBuildOutputAndLocalStateOutOfTheBuildContext() throws IOException {
    List<String> lines = Files.readAllLines(Path.of(".dockerignore"));
    assertTrue(lines.contains("*") || lines.contains("target"), ".dockerignore drops target/");
    for (String needed : List.of("!pom.xml", "!schemas/", "!src/main/")) {
      assertTrue(lines.contains(needed), ".dockerignore lets " + needed + " in");
    }
  }

  @Test
  void shouldComposeKafkaARegistryTheExplainerAndAProducer() throws IOException {
    JsonNode compose = Manifests.YAML.readTree(Path.of("docker", "compose.yaml").toFile());
    JsonNode services = compose.path("services");
    for (String s : List.of("kafka", "schema-registry", "explainer", "producer")) {
      assertTrue(services.has(s), "compose service " + s);
    }
    services
        .properties()
        .forEach(
            e -> {
              String image = e.getValue().path("image").asText();
              assertTrue(PINNED.matcher(image).find(), e.getKey() + " pins its image: " + image);
            });
    assertTrue(services.path("kafka").path("image").asText().startsWith("apache/kafka:"));
    assertTrue(
        services
            .path("kafka")
            .path("environment")
            .path("KAFKA_PROCESS_ROLES")
            .asText()
            .contains("controller"),
        "KRaft: the broker is its own controller");
    String topics = services.path("topics").path("command").toString();
    ExplainerStreamConfig d = ExplainerStreamConfig.defaults();
    for (String t :
        List.of(
            d.inputTopic(),
            d.outputTopic(),
            d.deadLetterTopic(),
            d.reasonCodesTopic(),
            d.drift().topic())) {
      assertTrue(topics.contains(" " + t + ":"), "compose creates the explainer's topic " + t);
    }
    JsonNode explainer = services.path("explainer");
    assertTrue(explainer.path("read_only").asBoolean(), "explainer on a read-only root, as in k8s");
    explainer
        .path("environment")
        .properties()
        .forEach(
            e ->
                ConfigKeys.problem(e.getKey())
                    .ifPresent(
                        p -> {
                          throw new AssertionError("compose explainer: " + p);
                        }));
  }

  /**
   * Every image pulled from a registry is pinned by digest, or docker/README.md lists it among the
   * images pinned by tag only and says why: no digest is taken on trust.
   */
  @Test
  void shouldPinEveryPulledImageByDigestOrDocumentWhyNot() throws IOException {
    Set<String> images = new TreeSet<>();
    for (String name : List.of("Dockerfile", "Dockerfile.gpu")) {
      Set<String> stages = new HashSet<>();
      for (Instruction from : read(name).all("FROM")) {
        String[] words = from.args().split("\\s+");
        if (!stages.contains(words[0])) {
          images.add(words[0]);
        }
        if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
          stages.add(words[2]);
        }
      }
    }
    JsonNode services =
        Manifests.YAML.readTree(Path.of("docker", "compose.yaml").toFile()).path("services");
    Set<String> built = new HashSet<>();
    services.forEach(svc -> (svc.has("build") ? built : images).add(svc.path("image").asText()));
    images.removeAll(built);
    assertTrue(images.size() >= 5, "images found: " + images);
    String readme = Files.readString(Path.of("docker", "README.md"));
    for (String image : images) {
      if (image.contains("@")) {
        assertTrue(
            DIGEST.matcher(image).find(), "a digest is @sha256: and 64 hex digits: " + image);
      } else {
        assertTrue(
            readme.contains("| `" + image + "` |"),
            image + " is pinned by tag only: pin its digest, or list it in docker/README.md");
      }
    }
  }

  /** What the compose producer pipes into kafka-avro-console-producer must be a PredictionEvent. */
  @Test
  void shouldProduceAvroJsonPredictionEventsForTheDemoModel() throws Exception {
    Process p =
        new ProcessBuilder("bash", "docker/demo-producer.sh", "3", "0")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the producer script ends after COUNT events");
    assertEquals(0, p.exitValue());
    List<String> lines =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    SpecificDatumReader<PredictionEvent> reader = new SpecificDatumReader<>(PredictionEvent.class);
    for (String line : lines) {
      PredictionEvent e =
          reader.read(
              null, DecoderFactory.get().jsonDecoder(PredictionEvent.getClassSchema(), line));
      assertEquals("fraud-demo", e.getModel());
      assertEquals(TransactionFeature.values().length, e.getFeatures().size(), "demo features");
      assertTrue(e.getEventTime().toEpochMilli() > 1_600_000_000_000L, "epoch ms: " + line);
    }
  }
}
