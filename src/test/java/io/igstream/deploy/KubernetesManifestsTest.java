package io.igstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.deploy.Manifests.Doc;
import io.igstream.stream.ExplainerStreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invariants of k8s/ that the running explainer relies on, checked offline (no cluster here):
 * probes reach the operations server, pods cannot write their image or escalate, KEDA never adds
 * replicas that would sit idle, and every setting a manifest passes is one igstream knows.
 */
class KubernetesManifestsTest {
  /** Where the measured memory of `run` is recorded: "VmHWM N MiB" in its sizing section. */
  static final Path SIZING = Path.of("k8s", "README.md");

  private static Manifests k8s;

  @BeforeAll
  static void load() {
    k8s = Manifests.load();
  }

  private static List<Doc> deployments() {
    List<Doc> d = k8s.ofKind("Deployment");
    assertEquals(2, d.size(), "one CPU and one GPU Deployment: " + d);
    return d;
  }

  private static JsonNode container(Doc deployment) {
    JsonNode cs = deployment.node().path("spec").path("template").path("spec").path("containers");
    assertEquals(1, cs.size(), deployment + " runs one container");
    return cs.get(0);
  }

  private static Map<String, JsonNode> env(Doc deployment) {
    Map<String, JsonNode> out = new HashMap<>();
    container(deployment).path("env").forEach(e -> out.put(e.path("name").asText(), e));
    return out;
  }

  /** The port `run` serves /live on: ConfigMap, then the env override, else the default. */
  private static int httpPort(Doc deployment) {
    String key = ExplainerAppConfig.HTTP_PORT_CONFIG;
    String value =
        k8s.properties()
            .getOrDefault(
                key, String.valueOf(ExplainerAppConfig.DEFINITION.defaultValues().get(key)));
    JsonNode override = env(deployment).get("IGSTREAM_HTTP_PORT");
    return Integer.parseInt(override == null ? value : override.path("value").asText());
  }

  private static int resolvePort(Doc deployment, JsonNode port) {
    if (port.isInt()) {
      return port.asInt();
    }
    for (JsonNode p : container(deployment).path("ports")) {
      if (p.path("name").asText().equals(port.asText())) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError(deployment + ": probe port " + port + " is not a container port");
  }

  @Test
  void shouldParseEveryManifestAsKubernetesObjects() {
    assertTrue(k8s.docs().size() >= 10, "documents found: " + k8s.docs());
    for (Doc d : k8s.docs()) {
      assertFalse(d.node().path("apiVersion").asText().isEmpty(), d + " has an apiVersion");
      assertFalse(d.kind().isEmpty(), d + " has a kind");
      if (!d.kind().equals("Kustomization")) {
        assertFalse(d.name().isEmpty(), d + " has a name");
        assertTrue(d.node().path("metadata").path("namespace").isMissingNode(), d + " namespaced");
      }
    }
  }

  @Test
  void shouldReferenceEveryManifestFromAKustomizationAndOnlyFilesThatExist() throws IOException {
    Set<Path> referenced = new HashSet<>();
    for (Doc k : k8s.ofKind("Kustomization")) {
      Path dir = k.file().getParent();
      for (JsonNode r : k.node().path("resources")) {
        Path p = dir.resolve(r.asText()).normalize();
        assertTrue(Files.exists(p), k.file() + " lists missing " + r.asText());
        if (Files.isDirectory(p)) {
          assertTrue(Files.exists(p.resolve("kustomization.yaml")), p + " is no kustomization");
        }
        referenced.add(p);
      }
    }
    try (Stream<Path> all = Files.walk(Manifests.K8S)) {
      for (Path f : all.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        if (!f.getFileName().toString().equals("kustomization.yaml")) {
          assertTrue(referenced.contains(f.normalize()), f + " is in no kustomization");
        }
      }
    }
  }

  @Test
  void shouldProbeLiveAndReadyOnThePortTheOperationsServerListensOn() {
    for (Doc d : deployments()) {
      JsonNode c = container(d);
      int port = httpPort(d);
      Map<String, String> expected =
          Map.of("livenessProbe", "/live", "startupProbe", "/live", "readinessProbe", "/ready");
      expected.forEach(
          (probe, path) -> {
            JsonNode get = c.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), d + " " + probe);
            assertEquals(port, resolvePort(d, get.path("port")), d + " " + probe + " port");
          });
      JsonNode ann = d.node().path("spec").path("template").path("metadata").path("annotations");
      assertEquals("true", ann.path("prometheus.io/scrape").asText(), d + " scraped");
      assertEquals(String.valueOf(port), ann.path("prometheus.io/port").asText(), d.toString());
      assertEquals("/metrics", ann.path("prometheus.io/path").asText(), d.toString());
    }
  }

  @Test
  void shouldRunNonRootOnAReadOnlyRootWithScratchOnlyInEmptyDirs() {
    for (Doc d : deployments()) {
      JsonNode pod = d.node().path("spec").path("template").path("spec");
      JsonNode c = container(d);
      assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), d + " non-root");
      assertTrue(pod.path("securityContext").path("runAsUser").asInt(0) > 0, d + " uid");
      JsonNode sc = c.path("securityContext");
      assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), d + " read-only root");
      assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), d + " no escalation");
      List<String> dropped = new ArrayList<>();
      sc.path("capabilities").path("drop").forEach(x -> dropped.add(x.asText()));
      assertEquals(List.of("ALL"), dropped, d + " drops every capability");
      assertTrue(sc.path("capabilities").path("add").isMissingNode(), d + " adds none");

      Map<String, JsonNode> volumes = new HashMap<>();
      pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
      Map<String, JsonNode> writable = new HashMap<>();
      for (JsonNode m : c.path("volumeMounts")) {
        JsonNode v = volumes.get(m.path("name").asText());
        assertTrue(v != null, d + " mounts undeclared volume " + m);
        if (!m.path("readOnly").asBoolean()) {
          assertTrue(v.has("emptyDir"), d + " writes only to emptyDirs: " + m);
          writable.put(m.path("mountPath").asText(), v);
        }
      }
      String stateDir =
          env(d).containsKey("IGSTREAM_KAFKA_STATE_DIR")
              ? env(d).get("IGSTREAM_KAFKA_STATE_DIR").path("value").asText()
              : k8s.properties().get("state.dir");
      assertTrue(stateDir != null, d + " sets the Kafka Streams state dir (default is in /tmp)");
      assertTrue(writable.containsKey(stateDir), d + " state dir " + stateDir + " is an emptyDir");
      assertTrue(writable.containsKey("/tmp"), d + " /tmp is an emptyDir");
    }
  }

  @Test
  void shouldSetOnlyEnvironmentVariablesThatAreRealConfigKeys() {
    for (Doc d : deployments()) {
      env(d).forEach((name, e) -> ConfigKeys.problem(name).ifPresent(p -> fail(d, p)));
    }
  }

  private static void fail(Doc d, String problem) {
    throw new AssertionError(d + ": " + problem);
  }

  @Test
  void shouldTakeCredentialsFromSecretReferencesOnly() {
    assertTrue(k8s.ofKind("Secret").isEmpty(), "no Secret objects (values) in k8s/");
    for (Doc d : deployments()) {
      env(d)
          .forEach(
              (name, e) -> {
                String n = name.toUpperCase(Locale.ROOT);
                if (n.contains("PASSWORD") || n.contains("JAAS") || n.contains("USER_INFO")) {
                  assertTrue(e.has("valueFrom"), d + " " + name + " comes from a Secret");
                  assertTrue(
                      e.path("valueFrom").has("secretKeyRef"), d + " " + name + " secretKeyRef");
                  assertFalse(e.has("value"), d + " " + name + " has no literal value");
                }
              });
    }
    for (String key : k8s.properties().keySet()) {
      String k = key.toLowerCase(Locale.ROOT);
      assertFalse(
          k.contains("password") || k.contains("jaas") || k.endsWith("user.info"),
          "the ConfigMap holds no credential: " + key);
    }
  }

  @Test
  void shouldCarryAConfigMapThatIgstreamAccepts() {
    Map<String, String> props = k8s.properties();
    for (String key : props.keySet()) {
      if (key.startsWith("igstream.")) {
        assertTrue(
            ExplainerAppConfig.DEFINITION.names().contains(key), "unknown igstream key " + key);
      } else {
        assertTrue(ConfigKeys.clientKeys().contains(key), "no client knows ConfigMap key " + key);
      }
    }
    ExplainerAppConfig parsed = new ExplainerAppConfig(props);
    assertFalse(parsed.models().isEmpty());
  }

  @Test
  void shouldScaleOnTheExplainersOwnLagAndNeverPastThePartitions() {
    Doc so = k8s.one("ScaledObject");
    JsonNode spec = so.node().path("spec");
    int partitions =
        Integer.parseInt(
            so.node()
                .path("metadata")
                .path("annotations")
                .path("igstream.io/predictions-partitions")
                .asText("0"));
    assertTrue(partitions > 0, "the ScaledObject declares the predictions topic's partitions");
    int max = spec.path("maxReplicaCount").asInt();
    assertTrue(max >= 1 && max <= partitions, "maxReplicaCount " + max + " <= " + partitions);
    assertTrue(spec.path("minReplicaCount").asInt(-1) >= 1, "never scaled to zero");
    for (Doc d : deployments()) {
      assertEquals(d.name(), spec.path("scaleTargetRef").path("name").asText(), "target");
      assertTrue(d.node().path("spec").path("replicas").isMissingNode(), d + " leaves replicas");
    }
    JsonNode trigger = spec.path("triggers").get(0);
    assertEquals("kafka", trigger.path("type").asText());
    Map<String, String> props = k8s.properties();
    JsonNode meta = trigger.path("metadata");
    String topic =
        props.getOrDefault(
            ExplainerStreamConfig.INPUT_TOPIC_CONFIG,
            String.valueOf(
                ExplainerAppConfig.DEFINITION
                    .defaultValues()
                    .get(ExplainerStreamConfig.INPUT_TOPIC_CONFIG)));
    assertEquals(topic, meta.path("topic").asText(), "KEDA watches the input topic");
    assertEquals(
        props.getOrDefault(ExplainerAppConfig.APPLICATION_ID_CONFIG, "igstream"),
        meta.path("consumerGroup").asText(),
        "the consumer group is Kafka Streams' application.id");
    assertEquals(
        props.get(ExplainerAppConfig.BOOTSTRAP_SERVERS_CONFIG),
        meta.path("bootstrapServers").asText());
    String auth = trigger.path("authenticationRef").path("name").asText();
    assertEquals(auth, k8s.one("TriggerAuthentication").name(), "auth exists");
  }

  /**
   * The partition count KEDA is held to is the one documented for operators (k8s/README.md) and the
   * one the compose stack creates, so changing one without the others fails here.
   */
  @Test
  void shouldDeclareThePartitionsTheReadmeAndComposeUse() throws IOException {
    String declared =
        k8s.one("ScaledObject")
            .node()
            .at("/metadata/annotations/igstream.io~1predictions-partitions")
            .asText();
    assertTrue(declared.matches("\\d+"), "the ScaledObject declares the partitions: " + declared);
    String readme = Files.readString(SIZING);
    assertTrue(
        readme.contains("`predictions` (read; " + declared + " partitions assumed"),
        SIZING + " tells operators to create predictions with " + declared + " partitions");
    assertTrue(
        readme.contains("`maxReplicaCount: " + declared + "`"),
        SIZING + " documents maxReplicaCount " + declared);
    String compose = Files.readString(Path.of("docker", "compose.yaml"));
    assertTrue(
        compose.contains(" predictions:" + declared + " "),
        "compose creates predictions with " + declared + " partitions");
  }

  @Test
  void shouldPinTheGpuDeploymentToGpuNodesAndTheCpuOneAwayFromThem() {
    int gpu = 0;
    for (Doc d : deployments()) {
      JsonNode pod = d.node().path("spec").path("template").path("spec");
      JsonNode res = container(d).path("resources");
      String device = env(d).get("IGSTREAM_DEVICE").path("value").asText();
      if (d.file().toString().contains("gpu")) {
        gpu++;
        assertEquals("gpu", device, d.toString());
        assertEquals("true", env(d).get("IGSTREAM_REQUIRE_GPU").path("value").asText());
        assertTrue(res.path("limits").path("nvidia.com/gpu").asInt() >= 1, d + " gpu limit");
        assertTrue(pod.path("nodeSelector").size() > 0, d + " selects GPU nodes");
        assertTrue(pod.path("tolerations").toString().contains("nvidia.com/gpu"), d + " tolerates");
        assertTrue(container(d).path("image").asText().contains("gpu"), d + " GPU image");
      } else {
        assertEquals("cpu", device, d.toString());
        assertTrue(res.path("limits").path("nvidia.com/gpu").isMissingNode(), d.toString());
        assertFalse(container(d).path("image").asText().contains("gpu"), d.toString());
      }
    }
    assertEquals(1, gpu, "one GPU Deployment");
  }

  /** The peak RSS of `run` (one model, Kafka Streams up) that k8s/README.md reports. */
  static long measuredRunRssMib() throws IOException {
    Matcher m = Pattern.compile("VmHWM (\\d+) MiB").matcher(Files.readString(SIZING));
    assertTrue(m.find(), SIZING + " records the measured RSS as 'VmHWM N MiB'");
    return Long.parseLong(m.group(1));
  }

  /**
   * Requests come from the measurement: at least the measured RSS, and for the CPU pod (the one
   * measured) at most twice it, so a stale measurement or a guessed request shows up here. The GPU
   * pod's memory is an estimate on top (CUDA host libraries; no GPU to measure on).
   */
  @Test
  void shouldRequestTheMeasuredMemory() throws IOException {
    long measured = measuredRunRssMib();
    for (Doc d : deployments()) {
      JsonNode res = container(d).path("resources");
      long request = mebibytes(res.path("requests").path("memory").asText());
      long limit = mebibytes(res.path("limits").path("memory").asText());
      assertTrue(request >= measured, d + " requests " + request + " MiB < measured " + measured);
      if (!d.file().toString().contains("gpu")) {
        assertTrue(
            request <= 2 * measured, d + " requests " + request + " MiB, measured " + measured);
      }
      assertTrue(limit >= request * 2, d + " leaves room for batches: limit " + limit);
      assertFalse(res.path("requests").path("cpu").isMissingNode(), d + " requests CPU");
      assertFalse(res.path("limits").path("cpu").isMissingNode(), d + " limits CPU");
    }
  }

  static long mebibytes(String q) {
    if (q.endsWith("Gi")) {
      return Long.parseLong(q.substring(0, q.length() - 2)) * 1024;
    }
    if (q.endsWith("Mi")) {
      return Long.parseLong(q.substring(0, q.length() - 2));
    }
    throw new AssertionError("memory quantity in Mi or Gi expected: '" + q + "'");
  }

  @Test
  void shouldSelectTheExplainerPodsFromTheBudgetAndTheMonitor() {
    for (Doc d : deployments()) {
      JsonNode labels = d.node().path("spec").path("template").path("metadata").path("labels");
      for (String kind : List.of("PodDisruptionBudget", "PodMonitor")) {
        JsonNode sel = k8s.one(kind).node().path("spec").path("selector").path("matchLabels");
        assertTrue(sel.size() > 0, kind + " selects something");
        for (Map.Entry<String, JsonNode> e : sel.properties()) {
          assertEquals(
              e.getValue().asText(), labels.path(e.getKey()).asText(), kind + " selects " + d);
        }
      }
      String port =
          k8s.one("PodMonitor")
              .node()
              .path("spec")
              .path("podMetricsEndpoints")
              .get(0)
              .path("port")
              .asText();
      assertEquals(
          httpPort(d), resolvePort(d, new com.fasterxml.jackson.databind.node.TextNode(port)));
    }
  }
}
