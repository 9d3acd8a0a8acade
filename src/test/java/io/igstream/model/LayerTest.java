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

/** Layer IG on {@code y = tanh(x A) . V + x . U}: h = tanh(x A), dy/dh = V. */
class LayerTest {
  @TempDir static Path tmp;
  static SavedModel model;
  static final double[] X = {0.4, -1.2, 0.7, 1.0, 0.5, -0.25};

  @BeforeAll
  static void load() throws Exception {
    Path dir = tmp.resolve("layer");
    GraphFixtures.float64Tanh(dir);
    model = SavedModel.load(dir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void shouldReturnTheActivationsOfTheHiddenTensor() {
    Layer layer = model.layer(GradientSpec.of("serving_default"), "hidden");
    assertEquals(2, layer.dimension());
    double[] h = layer.activations(X, new int[] {0, 1}, 2);
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 2; j++) {
        double z = 0;
        for (int i = 0; i < 3; i++) {
          z += X[3 * k + i] * GraphFixtures.A[i][j];
        }
        assertEquals(Math.tanh(z), h[2 * k + j], 1e-12);
      }
    }
  }

  @Test
  void shouldDifferentiateWithRespectToTheFedLayerTensor() {
    // y also reads x through the skip term x . U, so x is fed per event as a side input.
    double[][] events = {{X[0], X[1], X[2]}, {X[3], X[4], X[5]}};
    GradientSpec spec =
        GradientSpec.of("serving_default")
            .withSideInputs(SideInputs.none().withPerEvent("x", events));
    Layer layer = model.layer(spec, "hidden");
    GradientFunction f = layer.gradient();
    double[] h = {0.3, -0.6, 2.0, 1.0};
    double[] values = new double[2];
    double[] grads = new double[4];
    f.evaluate(h, new int[] {0, 1}, 2, values, grads);
    for (int k = 0; k < 2; k++) {
      double skip = 0;
      for (int i = 0; i < 3; i++) {
        skip += events[k][i] * GraphFixtures.U[i];
      }
      assertEquals(
          h[2 * k] * GraphFixtures.V[0] + h[2 * k + 1] * GraphFixtures.V[1] + skip,
          values[k],
          1e-12);
      assertEquals(GraphFixtures.V[0], grads[2 * k], 1e-12);
      assertEquals(GraphFixtures.V[1], grads[2 * k + 1], 1e-12);
    }
  }

  @Test
  void shouldNameTheMissingInputWhenTheTargetStillReadsIt() {
    ModelException e =
        assertThrows(
            ModelException.class,
            () -> model.layer(GradientSpec.of("serving_default"), "hidden").gradient());
    assertTrue(e.getMessage().contains("input 'x'"), e.getMessage());
  }

  @Test
  void shouldRefuseAnUnknownLayerTensor() {
    ModelException e =
        assertThrows(
            ModelException.class, () -> model.layer(GradientSpec.of("serving_default"), "nope"));
    assertTrue(e.getMessage().contains("layer tensor 'nope' not found"), e.getMessage());
  }
}
