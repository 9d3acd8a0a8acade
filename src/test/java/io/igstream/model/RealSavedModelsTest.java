package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.GradientFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Models exported by real TensorFlow (Python), copied into ../shared/models (see PROVENANCE). */
class RealSavedModelsTest {
  private Path models;

  @BeforeEach
  void findModels() {
    models = Path.of(System.getProperty("igstream.shared.models", "../shared/models"));
    Assumptions.assumeTrue(
        Files.isDirectory(models),
        "../shared/models absent: skipping tests on real TF-exported SavedModels");
  }

  @Test
  void shouldRunTheKerasChurnGradientAndMatchFiniteDifferencesOfTheOriginalOutput() {
    try (SavedModel model = SavedModel.load(models.resolve("churn_keras_tf2"))) {
      GradientSpec spec = GradientSpec.of("serving_default");
      GradientFunction f = model.gradient(spec);
      assertEquals(13, f.dimension());
      assertTrue(model.inlinedOpCount(spec) > 0, "the Keras call was inlined");
      Random rnd = new Random(7);
      double worstAbs = 0;
      double maxGrad = 0;
      for (int trial = 0; trial < 5; trial++) {
        double[] x = new double[13];
        for (int i = 0; i < 13; i++) {
          x[i] = rnd.nextDouble() * 2 - 1;
        }
        double[] value = new double[1];
        double[] grad = new double[13];
        f.evaluate(x, new int[1], 1, value, grad);
        double[] original = model.predict(spec, x, new int[1], 1);
        assertEquals(original[0], value[0], 1e-6, "inlined output equals the serving output");
        double h = 1e-2;
        for (int i = 0; i < 13; i++) {
          double[] p = x.clone();
          double[] m = x.clone();
          p[i] += h;
          m[i] -= h;
          double fd =
              (model.predict(spec, p, new int[1], 1)[0] - model.predict(spec, m, new int[1], 1)[0])
                  / (2 * h);
          worstAbs = Math.max(worstAbs, Math.abs(fd - grad[i]));
          maxGrad = Math.max(maxGrad, Math.abs(grad[i]));
        }
      }
      System.out.printf(
          "churn_keras_tf2: worst |grad - FD| = %.3g, max |grad| = %.3g%n", worstAbs, maxGrad);
      assertTrue(maxGrad > 1e-3, "the gradient is not trivially zero");
      assertTrue(worstAbs < 1e-2 * maxGrad + 1e-4, "worst abs error " + worstAbs);
    }
  }

  @Test
  void shouldGiveHalfForHalfPlusTwo() {
    try (SavedModel model = SavedModel.load(models.resolve("tfjava_tf1_half_plus_two"))) {
      GradientFunction f = model.gradient(GradientSpec.of("serving_default"));
      double[] values = new double[3];
      double[] grads = new double[3];
      f.evaluate(new double[] {0, 4, -10}, new int[] {0, 1, 2}, 3, values, grads);
      assertEquals(2, values[0], 1e-6);
      assertEquals(4, values[1], 1e-6);
      assertEquals(-3, values[2], 1e-6);
      for (double g : grads) {
        assertEquals(0.5, g, 1e-7);
      }
    }
  }

  @Test
  void shouldAttributeScalarInputAOfAddWithBFed() {
    try (SavedModel model = SavedModel.load(models.resolve("tfjava_tf2_using_python"))) {
      GradientSpec spec =
          GradientSpec.of("add")
              .withInput("a")
              .withSideInputs(SideInputs.none().withPerEvent("b", new double[][] {{3}, {-1}}));
      GradientFunction f = model.gradient(spec);
      assertEquals(1, f.dimension());
      double[] values = new double[2];
      double[] grads = new double[2];
      f.evaluate(new double[] {2, 5}, new int[] {0, 1}, 2, values, grads);
      assertEquals(5, values[0], 1e-6);
      assertEquals(4, values[1], 1e-6);
      assertEquals(1, grads[0], 1e-7);
      assertEquals(1, grads[1], 1e-7);
      assertTrue(
          ((TfGradientFunction) f).runsPerPoint(), "scalar inputs fall back to one run per point");
    }
  }

  @Test
  void shouldRefuseGetVariableSayingTheOutputDoesNotDependOnItsInput() {
    try (SavedModel model = SavedModel.load(models.resolve("tfjava_tf2_using_python"))) {
      ModelException e =
          assertThrows(ModelException.class, () -> model.gradient(GradientSpec.of("get_variable")));
      assertTrue(
          e.getMessage()
              .contains("signature 'get_variable' does not depend differentiably on input 'dummy'"),
          e.getMessage());
      ProbeResult probe = model.probe("get_variable");
      assertFalse(probe.ok());
      assertTrue(probe.message().contains("does not depend differentiably"), probe.message());
    }
  }

  @Test
  void shouldRefuseASignatureWithoutFloatInput() {
    try (SavedModel model = SavedModel.load(models.resolve("tfjava_tf1_half_plus_two"))) {
      ModelException e =
          assertThrows(
              ModelException.class, () -> model.gradient(GradientSpec.of("regress_x_to_y")));
      assertTrue(
          e.getMessage()
                  .startsWith("signature 'regress_x_to_y' has no float input to attribute to;")
              && e.getMessage().contains("serving_default"),
          e.getMessage());
    }
  }

  @Test
  void shouldProbeTheKerasServingSignatureAsRunning() {
    try (SavedModel model = SavedModel.load(models.resolve("churn_keras_tf2"))) {
      ProbeResult probe = model.probe("serving_default");
      assertTrue(probe.ok(), probe.message());
      assertEquals(
          "StatefulPartitionedCall:0",
          model.signature("serving_default").outputs().get(0).tensorName());
    }
  }

  @Test
  void shouldDifferentiateTheChurnLogitAsTheLogOddsOfTheOutput() {
    try (SavedModel model = SavedModel.load(models.resolve("churn_keras_tf2"))) {
      GradientSpec spec = GradientSpec.of("serving_default");
      GradientFunction logit = model.gradient(spec.withTarget(Target.DEFAULT.onLogit()));
      double[] x = {0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0.6, -0.1, 0.0, 0.3, -0.3, 0.4, 0.1};
      double[] value = new double[1];
      double[] grad = new double[13];
      logit.evaluate(x, new int[1], 1, value, grad);
      double p = model.predict(spec, x, new int[1], 1)[0];
      assertEquals(Math.log(p / (1 - p)), value[0], 1e-4);
      double h = 1e-2;
      for (int i = 0; i < 13; i++) {
        double[] a = x.clone();
        double[] b = x.clone();
        a[i] += h;
        b[i] -= h;
        double pa = model.predict(spec, a, new int[1], 1)[0];
        double pb = model.predict(spec, b, new int[1], 1)[0];
        double fd = (Math.log(pa / (1 - pa)) - Math.log(pb / (1 - pb))) / (2 * h);
        assertEquals(fd, grad[i], 2e-3 * Math.max(1, Math.abs(fd)), "feature " + i);
      }
    }
  }

  @Test
  void shouldFeedAKerasHiddenLayerAndDifferentiateAtIt() {
    try (SavedModel model = SavedModel.load(models.resolve("churn_keras_tf2"))) {
      Layer layer = model.layer(GradientSpec.of("serving_default"), "dense_5/Relu");
      double[] x = new double[13];
      java.util.Arrays.fill(x, 0.2);
      double[] h = layer.activations(x, new int[1], 1);
      assertEquals(layer.dimension(), h.length);
      GradientFunction f = layer.gradient();
      double[] value = new double[1];
      double[] grad = new double[h.length];
      f.evaluate(h, new int[1], 1, value, grad);
      assertEquals(
          model.predict(GradientSpec.of("serving_default"), x, new int[1], 1)[0], value[0], 1e-6);
      double step = 1e-2;
      for (int j = 0; j < h.length; j++) {
        double[] a = h.clone();
        double[] b = h.clone();
        a[j] += step;
        b[j] -= step;
        double[] va = new double[1];
        double[] vb = new double[1];
        f.evaluate(a, new int[1], 1, va, new double[h.length]);
        f.evaluate(b, new int[1], 1, vb, new double[h.length]);
        assertEquals((va[0] - vb[0]) / (2 * step), grad[j], 1e-4, "unit " + j);
      }
    }
  }
}
