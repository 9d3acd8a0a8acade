package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Integrated Gradients end to end (spec &rarr; SavedModel &rarr; engine) on models exported by real
 * TensorFlow, copied into ../shared/models (see PROVENANCE.md there).
 */
class RealModelsExplainTest {
  private static Path models;

  @BeforeAll
  static void requireSharedModels() {
    models = Path.of(System.getProperty("igstream.shared.models", "../shared/models"));
    Assumptions.assumeTrue(
        Files.isDirectory(models),
        "../shared/models absent: skipping IG tests on real TF-exported SavedModels");
  }

  /** The Keras churn model is a ReLU network: only refinement reaches 1e-3 on every event. */
  @Test
  void shouldExplainTheKerasChurnModelWithinOneThousandth() {
    ModelSpec spec = ModelSpec.defaults("churn").withTolerances(1e-3, 0, 20_000);
    List<InputEvent> events = gaussianEvents(40, 13, 3);
    try (ModelExplainer explainer = ModelExplainer.open(models.resolve("churn_keras_tf2"), spec)) {
      List<ExplainedEvent> explained = explainer.explain(events);
      for (ExplainedEvent e : explained) {
        assertTrue(Math.abs(e.completenessError()) <= 1e-3, e.id() + ": " + e.completenessError());
        assertTrue(e.toleranceMet(), e.id());
        assertTrue(e.prediction() > 0 && e.prediction() < 1, "a sigmoid output");
      }
      // An independent rule at many steps agrees with the adaptive attributions.
      ModelSpec midpoint = spec.withMethod("riemann_middle", 20_000);
      try (ModelExplainer reference =
          ModelExplainer.open(models.resolve("churn_keras_tf2"), midpoint)) {
        List<ExplainedEvent> ref = reference.explain(events.subList(0, 8));
        for (int i = 0; i < ref.size(); i++) {
          double l1 = 0;
          for (int j = 0; j < 13; j++) {
            l1 += Math.abs(ref.get(i).attributions()[j] - explained.get(i).attributions()[j]);
          }
          assertTrue(l1 < 1e-2, "event " + i + " L1 distance to the reference " + l1);
        }
      }
    }
  }

  /**
   * The churn model qualifies for the exact method (Keras ReLU layers under a sigmoid): by default
   * its attributions equal a brute-force midpoint reference in float64 (the model's own weights
   * re-computed in Java, checked against its output; 100 000 steps, more where that reference
   * itself misses completeness) within 1e-4 of the event's largest attribution, and completeness
   * holds to float32 rounding.
   */
  @Test
  void explainsTheKerasChurnModelExactlyByDefault() {
    List<InputEvent> events = gaussianEvents(6, 13, 5);
    Path churn = models.resolve("churn_keras_tf2");
    try (ModelExplainer exact = ModelExplainer.open(churn, ModelSpec.defaults("churn"));
        SavedModel model = SavedModel.load(churn)) {
      assertEquals("exact_piecewise", exact.integrationMethod());
      ChurnFloat64 float64 = new ChurnFloat64(model);
      List<ExplainedEvent> got = exact.explain(events);
      double[] zero = new double[13];
      for (int e = 0; e < events.size(); e++) {
        double[] x = events.get(e).features();
        assertEquals(got.get(e).prediction(), float64.value(x, null), 1e-6, "float64 copy");
        double[] reference = float64.convergedMidpointIg(x, zero);
        double scale = 0;
        for (double v : reference) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < 13; i++) {
          assertEquals(
              reference[i], got.get(e).attributions()[i], 1e-4 * scale, "event " + e + " x" + i);
        }
        assertTrue(
            Math.abs(got.get(e).completenessError()) < 1e-6,
            "completeness at float32 rounding, got " + got.get(e).completenessError());
        assertEquals("exact_piecewise", got.get(e).method());
      }
    }
  }

  /** half_plus_two is y = 0.5 x + 2: with a zero baseline the attribution is exactly 0.5 x. */
  @Test
  void shouldExplainTheTf1HalfPlusTwoGraphExactly() {
    List<InputEvent> events = gaussianEvents(10, 1, 5);
    try (ModelExplainer explainer =
        ModelExplainer.open(
            models.resolve("tfjava_tf1_half_plus_two"), ModelSpec.defaults("half_plus_two"))) {
      for (ExplainedEvent e : explainer.explain(events)) {
        double x = events.get(Integer.parseInt(e.id().substring(1))).features()[0];
        assertEquals(0.5 * x, e.attributions()[0], 1e-5);
        assertEquals(0.5 * x + 2, e.prediction(), 1e-5);
        assertEquals(2.0, e.baselinePrediction(), 1e-6);
        assertTrue(Math.abs(e.completenessError()) <= 1e-3);
      }
    }
  }

  /** The TF2 'add' signature: attribute input a with b fed; F = a + b so IG(a) = a - 0. */
  @Test
  void shouldExplainAddForInputAWithBFed() {
    ModelSpec spec =
        ModelSpec.defaults("using_python")
            .withSignature("add")
            .withInput("a", List.of("a"), Map.of("b", new double[] {10.0}));
    try (ModelExplainer explainer =
        ModelExplainer.open(models.resolve("tfjava_tf2_using_python"), spec)) {
      List<ExplainedEvent> out = explainer.explain(List.of(InputEvent.of("e", new double[] {3.5})));
      assertEquals(3.5, out.get(0).attributions()[0], 1e-5);
      assertEquals(13.5, out.get(0).prediction(), 1e-5);
      assertEquals(10.0, out.get(0).baselinePrediction(), 1e-5);
      assertTrue(Math.abs(out.get(0).completenessError()) <= 1e-3);
    }
  }

  /**
   * get_variable ignores its input (no differentiable path); get_const_vector/matrix declare a
   * scalar output but compute a [3] / [2,3] tensor. All three are refused when the model is opened.
   */
  @Test
  void shouldRefuseTheGetSignaturesWithAClearMessage() {
    for (String signature : List.of("get_variable", "get_const_vector", "get_const_matrix")) {
      ModelSpec spec = onSignature(signature);
      ModelException e =
          assertThrows(
              ModelException.class,
              () -> ModelExplainer.open(models.resolve("tfjava_tf2_using_python"), spec).close(),
              signature);
      assertTrue(e.getMessage().contains("'" + signature + "'"), e.getMessage());
    }
  }

  /**
   * get_const_scalar is not constant at all: its function body is {@code AddV2(add_x, input)}, so
   * it is differentiable and IG must give the whole change to the input.
   */
  @Test
  void shouldExplainGetConstScalarWhichAddsItsInput() {
    try (ModelExplainer explainer =
        ModelExplainer.open(
            models.resolve("tfjava_tf2_using_python"), onSignature("get_const_scalar"))) {
      ExplainedEvent e = explainer.explain(List.of(InputEvent.of("e", new double[] {5}))).get(0);
      assertEquals(e.prediction() - e.baselinePrediction(), e.attributions()[0], 1e-5);
      assertEquals(5.0, e.attributions()[0], 1e-5);
    }
  }

  private static ModelSpec onSignature(String signature) {
    return ModelSpec.defaults("using_python").withSignature(signature);
  }

  private static List<InputEvent> gaussianEvents(int count, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<InputEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] x = new double[features];
      for (int j = 0; j < features; j++) {
        x[j] = random.nextGaussian();
      }
      events.add(InputEvent.of("e" + i, x));
    }
    return events;
  }
}
