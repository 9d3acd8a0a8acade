package io.igstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igstream.deploy.DeployValidator.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ and docker/ pass the offline validator, and the validator is shown to catch each kind of
 * mistake: every broken case below is a real file of the repository with one deliberate error,
 * which must make the tool exit 1 and name the problem.
 */
class DeployValidationTest {
  @TempDir Path copy;

  /** Per test, so that a machine without node reports every check as skipped, with the reason. */
  @BeforeEach
  void requireTheTool() {
    Optional<String> missing = DeployValidator.unavailable();
    if (missing.isPresent()) {
      String why =
          "offline deployment validation did not run: "
              + missing.get()
              + "; bin/igstream test installs node (apt) and runs npm ci in tools/validate";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
  }

  @Test
  void shouldFindEveryManifestTheDockerfilesAndTheComposeFileValid() throws IOException {
    Result r = DeployValidator.validate();
    assertEquals(0, r.exitCode(), r.output());
    assertFalse(r.output().contains("INVALID"), r.output());
    List<String> expected = new ArrayList<>();
    // Every object in k8s/, in each overlay that includes it (the base in both): none escapes.
    for (Manifests.Doc d : Manifests.load().docs()) {
      String file = d.file().toString().replace('\\', '/');
      for (String overlay : List.of("cpu", "gpu")) {
        if (!d.kind().equals("Kustomization")
            && (file.startsWith("k8s/base/") || file.startsWith("k8s/overlays/" + overlay + "/"))) {
          expected.add(
              "ok      k8s/overlays/%s: %s/%s (%s)\n".formatted(overlay, d.kind(), d.name(), file));
        }
      }
    }
    assertTrue(expected.size() >= 16, "objects: " + expected);
    expected.addAll(
        List.of(
            "ok      docker/Dockerfile\n",
            "ok      docker/Dockerfile.gpu\n",
            "ok      docker/compose.yaml\n"));
    for (String line : expected) {
      assertTrue(r.output().contains(line), "validated: " + line + r.output());
    }
  }

  /**
   * The offline renderer against the real kustomize, where one is installed (kubectl embeds it; CI
   * machines need not have it, so this one skips without it).
   */
  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/cpu", "k8s/overlays/gpu"})
  void shouldRenderAnOverlayAsKubectlKustomizeDoes(String overlay) throws IOException {
    Path stderr = copy.resolve("kubectl.err");
    Result real;
    try {
      real = DeployValidator.run(List.of("kubectl", "kustomize", overlay), stderr);
    } catch (IOException e) {
      Assumptions.abort("kubectl is not installed: nothing to compare the renderer with");
      return;
    }
    // An old kubectl (Debian's 1.20 embeds kustomize v2, without `labels:`) cannot render these.
    Assumptions.assumeTrue(real.exitCode() == 0, () -> "kubectl kustomize failed: " + read(stderr));
    Result ours = DeployValidator.validate("--render", overlay);
    assertEquals(0, ours.exitCode(), ours.output());
    List<JsonNode> expected = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        Manifests.YAML.readerFor(JsonNode.class).readValues(real.output())) {
      it.forEachRemaining(expected::add);
    }
    List<JsonNode> actual = new ArrayList<>();
    new ObjectMapper().readTree(ours.output()).forEach(actual::add);
    Comparator<JsonNode> byId =
        Comparator.comparing(n -> n.path("kind").asText() + "/" + n.at("/metadata/name").asText());
    expected.sort(byId);
    actual.sort(byId);
    assertTrue(actual.size() >= 8, "objects rendered: " + actual.size());
    assertEquals(expected, actual, overlay + " renders as kubectl kustomize renders it");
  }

  static Stream<Arguments> brokenArtifacts() {
    String cpu = "k8s/overlays/cpu/deployment.yaml";
    String gpu = "k8s/overlays/gpu/deployment.yaml";
    return Stream.of(
        Arguments.of(
            "a typo'd field",
            cpu,
            "readOnlyRootFilesystem: true",
            "readOnlyRootFileSystem: true",
            "securityContext: unknown field \"readOnlyRootFileSystem\""),
        Arguments.of(
            "a string where an int belongs",
            cpu,
            "containerPort: 8080",
            "containerPort: \"8080\"",
            "/ports/0/containerPort: must be integer"),
        Arguments.of(
            "a required field missing",
            gpu,
            "        - name: igstream\n          image:",
            "        - image:",
            "/containers/0: missing required field \"name\""),
        Arguments.of(
            "a KEDA trigger without metadata",
            "k8s/base/keda-scaledobject.yaml",
            "(?s)      metadata:\n        bootstrapServers.*?(?=      authenticationRef)",
            "",
            "/spec/triggers/0: missing required field \"metadata\""),
        Arguments.of(
            "a KEDA field of the wrong type",
            "k8s/base/keda-scaledobject.yaml",
            "maxReplicaCount: 12",
            "maxReplicaCount: twelve",
            "/spec/maxReplicaCount: must be integer"),
        Arguments.of(
            "a typo in a Prometheus-operator resource",
            "k8s/base/podmonitor.yaml",
            "interval: 30s",
            "intervall: 30s",
            "/spec/podMetricsEndpoints/0: unknown field \"intervall\""),
        Arguments.of(
            "an unknown kind",
            "k8s/base/poddisruptionbudget.yaml",
            "kind: PodDisruptionBudget",
            "kind: PodDisruptionBudgets",
            "unknown kind PodDisruptionBudgets in policy/v1"),
        Arguments.of(
            "a kustomize feature the offline renderer does not implement",
            "k8s/overlays/cpu/kustomization.yaml",
            "resources:",
            "namePrefix: prod-\nresources:",
            "unsupported kustomization field(s) namePrefix"),
        Arguments.of(
            "a host port in EXPOSE",
            "docker/Dockerfile",
            "EXPOSE 8080",
            "EXPOSE 8080:8080",
            "(rule expose_host_port)"),
        Arguments.of(
            "apt-get without -y",
            "docker/Dockerfile.gpu",
            "apt-get install -y --no-install-recommends curl",
            "apt-get install --no-install-recommends curl",
            "(rule apt-get_missing_param)"),
        Arguments.of(
            "an unknown HEALTHCHECK option (the --start-period filter lets it through)",
            "docker/Dockerfile",
            "--retries=3",
            "--retrys=3",
            "(rule invalid_format)"),
        Arguments.of(
            "an unknown compose field",
            "docker/compose.yaml",
            "    read_only: true",
            "    readonly: true",
            "unknown field \"readonly\""),
        Arguments.of(
            "a compose duration that is not one",
            "docker/compose.yaml",
            "interval: 5s",
            "interval: 5 seconds",
            "/healthcheck/interval: must match format \"duration\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenArtifacts")
  void shouldRejectABrokenCopy(
      String what, String file, String broken, String replacement, String expected)
      throws IOException {
    copyTree(Path.of("k8s"), copy.resolve("k8s"));
    copyTree(Path.of("docker"), copy.resolve("docker"));
    Path target = copy.resolve(file);
    String text = Files.readString(target);
    Matcher m =
        Pattern.compile(broken.startsWith("(?s)") ? broken : Pattern.quote(broken)).matcher(text);
    assertTrue(m.find(), file + " no longer contains what the case breaks: " + broken);
    Files.writeString(target, m.replaceFirst(Matcher.quoteReplacement(replacement)));

    Result r = DeployValidator.validate("--root", copy.toString());
    assertEquals(1, r.exitCode(), what + " must fail the validator:\n" + r.output());
    assertTrue(
        r.output().contains(expected), what + ": expected '" + expected + "' in\n" + r.output());
    assertTrue(
        r.output().contains("INVALID " + file + "\n")
            || r.output().contains("(" + file + ")")
            || r.output().contains(file + ":"),
        "the report names " + file + "\n" + r.output());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
