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

class SideInputsTest {
  @TempDir static Path tmp;
  static SavedModel model;
  static final GradientSpec X = GradientSpec.of("serving_default").withInput("x");

  @BeforeAll
  static void load() throws Exception {
    Path dir = tmp.resolve("two_inputs");
    GraphFixtures.twoInputs(dir);
    model = SavedModel.load(dir);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void shouldFeedPerEventSideInputsByOwner() {
    double[][] z = {{1, 2}, {-0.5, 0}, {4, -1}};
    GradientFunction f = model.gradient(X.withSideInputs(SideInputs.none().withPerEvent("z", z)));
    double[] points = {1, 0, 0, 0.5, 0.5, 0.5, -1, 2, 1, 0, 0, 1};
    int[] owners = {2, 0, 1, 2};
    double[] values = new double[4];
    double[] grads = new double[12];
    f.evaluate(points, owners, 4, values, grads);
    for (int k = 0; k < 4; k++) {
      double sz = z[owners[k]][0] + z[owners[k]][1];
      double xw = 0;
      for (int i = 0; i < 3; i++) {
        xw += points[3 * k + i] * GraphFixtures.W3[i];
        assertEquals(GraphFixtures.W3[i] * sz, grads[3 * k + i], 1e-5, "point " + k);
      }
      assertEquals(xw * sz + sz, values[k], 1e-5);
    }
  }

  @Test
  void shouldFeedFixedSideInputsToEveryEvent() {
    GradientFunction f = model.gradient(X.withSideInputs(SideInputs.none().withFixed("z", 1, 2)));
    double[] grads = new double[6];
    f.evaluate(new double[6], new int[] {0, 7}, 2, new double[2], grads);
    for (int i = 0; i < 6; i++) {
      assertEquals(GraphFixtures.W3[i % 3] * 3, grads[i], 1e-5);
    }
  }

  @Test
  void shouldNameAMissingSideInput() {
    ModelException e = assertThrows(ModelException.class, () -> model.gradient(X));
    assertTrue(
        e.getMessage().contains("input 'z'") && e.getMessage().contains("side input"),
        e.getMessage());
  }

  @Test
  void shouldAskWhichFloatInputWhenSeveral() {
    ModelException e =
        assertThrows(
            ModelException.class, () -> model.gradient(GradientSpec.of("serving_default")));
    assertTrue(e.getMessage().contains("several float inputs (x, z)"), e.getMessage());
  }
}
