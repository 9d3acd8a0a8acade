package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.GradientFunction;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Float64GraphTest {
  @TempDir static Path tmp;
  static Path dir;

  @BeforeAll
  static void writeFixture() throws Exception {
    dir = tmp.resolve("f64");
    GraphFixtures.float64Tanh(dir);
  }

  @Test
  void shouldMatchCentralFiniteDifferencesWithin1e6Relative() {
    try (SavedModel model = SavedModel.load(dir)) {
      GradientSpec spec = GradientSpec.of("serving_default");
      GradientFunction f = model.gradient(spec);
      assertEquals(0, model.inlinedOpCount(spec), "a TF1 graph is differentiated as loaded");
      double[] x = {0.4, -1.2, 0.7};
      double[] value = new double[1];
      double[] grad = new double[3];
      f.evaluate(x, new int[1], 1, value, grad);
      double h = 1e-5;
      double worst = 0;
      for (int i = 0; i < 3; i++) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[i] += h;
        minus[i] -= h;
        double fd =
            (model.predict(spec, plus, new int[1], 1)[0]
                    - model.predict(spec, minus, new int[1], 1)[0])
                / (2 * h);
        double rel = Math.abs(grad[i] - fd) / Math.max(Math.abs(fd), 1e-12);
        worst = Math.max(worst, rel);
      }
      System.out.println("float64 tanh graph: worst relative gradient vs central FD = " + worst);
      assertTrue(worst < 1e-6, "relative error " + worst);
      assertEquals(model.predict(spec, x, new int[1], 1)[0], value[0], 1e-12);
    }
  }
}
