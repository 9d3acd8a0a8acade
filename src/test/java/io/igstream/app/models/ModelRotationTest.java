package io.igstream.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.model.Device;
import io.igstream.model.ModelExplainer;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.stream.ModelCatalog;
import io.igstream.stream.ServedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model rotation on real SavedModels in a TF Serving layout, stepped by hand ({@code poll()}): a
 * new version is served once it has settled, the old one closes when no longer present, and broken
 * or mislabelled versions are refused while the served ones keep serving.
 */
class ModelRotationTest {
  private static final String NAME = "fraud-demo";
  @TempDir static Path trained;
  private static Path model;
  @TempDir Path root;

  @BeforeAll
  static void train() throws IOException {
    model = trained.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(5).withSizes(1500, 300, 2));
  }

  private Path install(String version) throws IOException {
    return ModelTrees.install(model, root, NAME, version);
  }

  private static void setSpec(Path dir, String key, String value) throws IOException {
    ModelTrees.setSpec(dir, key, value);
  }

  private static void copy(Path from, Path to) throws IOException {
    ModelTrees.copy(from, to);
  }

  private ModelRotation start() {
    return ModelRotation.start(
        new ModelSources(List.of(), Optional.of(root), Duration.ZERO), Device.CPU, c -> {});
  }

  private static String defaultVersion(ModelRotation r) {
    return r.catalog().current().find(NAME, null).orElseThrow().version().orElseThrow();
  }

  @Test
  void shouldServeANewVersionOnceSettledAndKeepTheOldOneForEventsNamingIt() throws IOException {
    install("1");
    try (ModelRotation r = start()) {
      assertEquals("1", defaultVersion(r));
      assertFalse(r.poll(), "nothing changed");
      install("2");
      assertFalse(r.poll(), "a new directory waits one interval (it may still be copied)");
      assertTrue(r.poll());
      assertEquals("2", defaultVersion(r), "the highest version is the default");
      assertEquals("1", r.catalog().current().find(NAME, "1").orElseThrow().version().get());
      assertEquals(1, r.rotations());
      assertEquals(2, r.loadedExplainers().size());

      deleteTree(root.resolve(NAME).resolve("1"));
      assertTrue(r.poll(), "a removed version is dropped at once");
      assertTrue(r.catalog().current().find(NAME, "1").isEmpty());
      assertEquals(List.of("2"), versions(r.loadedExplainers()), "v1 closed: no batch held it");
    }
  }

  @Test
  void shouldRefuseABrokenVersionAndKeepServing() throws IOException {
    install("1");
    try (ModelRotation r = start()) {
      Path broken = install("2");
      Files.writeString(broken.resolve("saved_model.pb"), "not a protobuf");
      Path mislabelled = root.resolve(NAME).resolve("3.tmp");
      copy(model, mislabelled);
      Files.move(mislabelled, root.resolve(NAME).resolve("3"));
      setSpec(root.resolve(NAME).resolve("3"), "version", "7");

      r.poll();
      assertFalse(r.poll(), "both refused: nothing to swap");
      assertEquals(2, r.refusals());
      assertEquals("1", defaultVersion(r), "the served version keeps serving");
      assertFalse(r.poll());
      assertEquals(2, r.refusals(), "a refused directory is retried only when it changes");

      setSpec(root.resolve(NAME).resolve("3"), "version", "3");
      r.poll();
      assertTrue(r.poll(), "fixed: served");
      assertEquals("3", defaultVersion(r));
    }
  }

  @Test
  void shouldRefuseToServeNothingWhenEveryVersionIsRemoved() throws IOException {
    Path v1 = install("1");
    try (ModelRotation r = start()) {
      deleteTree(v1);
      assertFalse(r.poll());
      assertEquals(1, r.refusals());
      assertEquals("1", defaultVersion(r), "still served from memory");
      assertFalse(r.poll());
      assertEquals(1, r.refusals(), "refused once, not on every poll");
    }
  }

  @Test
  void shouldReloadAListedDirectoryWhoseSpecChanged() throws IOException {
    Path listed = trained.resolve("listed");
    copy(model, listed);
    try (ModelRotation r =
        ModelRotation.start(ModelSources.fixed(List.of(listed)), Device.CPU, c -> {})) {
      ServedModel before = r.catalog().current().find(NAME, null).orElseThrow();
      setSpec(listed, "version", "1b");
      r.poll();
      assertTrue(r.poll());
      ModelCatalog now = r.catalog().current();
      assertTrue(now.find(NAME, "1").isEmpty(), "the listed directory now serves 1b");
      assertEquals("1b", now.find(NAME, null).orElseThrow().version().orElseThrow());
      assertTrue(before != now.find(NAME, null).orElseThrow());
    } finally {
      deleteTree(listed);
    }
  }

  @Test
  void shouldRefuseAModelSetTheStreamCannotServe() throws IOException {
    install("1");
    List<String> servable = new java.util.ArrayList<>();
    try (ModelRotation r =
        ModelRotation.start(
            new ModelSources(List.of(), Optional.of(root), Duration.ZERO),
            Device.CPU,
            c -> {
              if (c.models().size() > 1) {
                throw new IllegalArgumentException("one model only");
              }
              servable.add(c.describe());
            })) {
      install("2");
      r.poll();
      assertFalse(r.poll());
      assertEquals(1, r.refusals());
      assertEquals("1", defaultVersion(r));
      assertEquals(1, r.loadedExplainers().size(), "the refused set's new model was closed");
      assertEquals(1, servable.size());
    }
  }

  @Test
  void shouldFailTheStartNamingTheDirectoryThatCannotLoad() throws IOException {
    Path v1 = install("1");
    setSpec(v1, "name", "churn");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::start);
    assertTrue(e.getMessage().contains("names model 'churn'"), e.getMessage());
    assertTrue(e.getMessage().contains("<root>/fraud-demo/1"), e.getMessage());
  }

  @Test
  void shouldFailTheStartNamingAListedDirectoryOrRootThatIsMissing() throws IOException {
    install("1");
    Path missing = root.resolve("absent");
    IllegalArgumentException listed =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelRotation.start(
                    new ModelSources(List.of(missing), Optional.of(root), Duration.ZERO),
                    Device.CPU,
                    c -> {}));
    assertTrue(listed.getMessage().contains(missing + " does not exist"), listed.getMessage());
    IllegalArgumentException noRoot =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelRotation.start(
                    new ModelSources(List.of(), Optional.of(missing), Duration.ZERO),
                    Device.CPU,
                    c -> {}));
    assertTrue(noRoot.getMessage().contains("is not a directory"), noRoot.getMessage());
  }

  private static List<String> versions(List<ModelExplainer> explainers) {
    return explainers.stream().map(m -> m.spec().version().orElse("")).sorted().toList();
  }

  private static void deleteTree(Path dir) throws IOException {
    ModelTrees.deleteTree(dir);
  }
}
