package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.GradientFunction;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSelectionTest {
  @TempDir static Path tmp;
  static SavedModel model;
  static final double[] X = {0.8, -0.3, 1.1, 0.4};
  static final GradientSpec PROBS = GradientSpec.of("serving_default").withOutput("probs");

  @BeforeAll
  static void load() throws Exception {
    Path dir = tmp.resolve("softmax");
    GraphFixtures.softmax3(dir);
    model = SavedModel.load(dir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void shouldMatchFiniteDifferencesOfTheChosenSoftmaxColumnAndNotBeZero() {
    double[] g = gradient(PROBS.withTarget(Target.column(2)));
    double[] fd = centralDifferences(x -> model.predict(PROBS, x, new int[1], 1)[2]);
    assertClose(fd, g, 2e-3);
    double norm = 0;
    for (double v : g) {
      norm += Math.abs(v);
    }
    assertTrue(norm > 0.05, "gradient of one softmax column is not the ~0 gradient of their sum");
  }

  @Test
  void shouldDifferentiateTheDifferenceOfTwoColumns() {
    double[] g = gradient(PROBS.withTarget(Target.difference(0, 1)));
    double[] fd =
        centralDifferences(
            x -> {
              double[] p = model.predict(PROBS, x, new int[1], 1);
              return p[0] - p[1];
            });
    assertClose(fd, g, 2e-3);
  }

  @Test
  void shouldDifferentiateTheLogitWhoseGradientIsTheWeightColumn() {
    double[] g = gradient(PROBS.withTarget(Target.column(1).onLogit()));
    for (int i = 0; i < 4; i++) {
      assertEquals(GraphFixtures.B[i][1], g[i], 1e-6);
    }
  }

  @Test
  void shouldRefuseALogitTargetOnAnOutputWithoutSigmoidOrSoftmax() {
    ModelException e =
        assertThrows(
            ModelException.class,
            () -> model.gradient(PROBS.withOutput("logits").withTarget(Target.DEFAULT.onLogit())));
    assertTrue(
        e.getMessage().contains("MatMul") && e.getMessage().contains("logit is not available"),
        e.getMessage());
  }

  @Test
  void shouldRefuseAColumnOutOfRangeNamingTheRange() {
    ModelException e =
        assertThrows(
            ModelException.class, () -> model.gradient(PROBS.withTarget(Target.column(3))));
    assertTrue(
        e.getMessage().contains("has 3 columns") && e.getMessage().contains("0..2"),
        e.getMessage());
  }

  @Test
  void shouldAskToChooseAnOutputWhenThereAreSeveral() {
    ModelException e =
        assertThrows(
            ModelException.class, () -> model.gradient(GradientSpec.of("serving_default")));
    assertTrue(e.getMessage().contains("logits, probs"), e.getMessage());
  }

  private static double[] gradient(GradientSpec spec) {
    GradientFunction f = model.gradient(spec);
    double[] g = new double[4];
    f.evaluate(X, new int[1], 1, new double[1], g);
    return g;
  }

  private static double[] centralDifferences(java.util.function.ToDoubleFunction<double[]> fn) {
    double h = 1e-2; // float32 model: a wide step keeps rounding error (1e-7/h) small
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      double[] p = X.clone();
      double[] m = X.clone();
      p[i] += h;
      m[i] -= h;
      out[i] = (fn.applyAsDouble(p) - fn.applyAsDouble(m)) / (2 * h);
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, double tol) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, "feature " + i);
    }
  }
}
