package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.GradientFunction;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class KerasStructureInliningTest {
  @TempDir static Path tmp;
  static Path dir;

  @BeforeAll
  static void writeFixture() throws Exception {
    dir = tmp.resolve("keras_structure");
    KerasStructureFixture.write(dir);
  }

  @Test
  void shouldFailAtSessionRunWhenDifferentiatingThroughTheUninlinedCall() {
    try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
      Graph g = b.graph();
      String xName = b.function("serving_default").signature().getInputs().get("x").name;
      String yName = b.function("serving_default").signature().getOutputs().get("y").name;
      Output<?> in = GraphPaths.tensor(g, xName);
      Output<?> out = GraphPaths.tensor(g, yName);
      Output<?>[] grad = g.addGradients(out, new Output<?>[] {in});
      try (TFloat32 feed = TFloat32.tensorOf(Shape.of(1, 3))) {
        RuntimeException e =
            assertThrows(
                RuntimeException.class,
                () -> {
                  try (Result r = b.session().runner().feed(in, feed).fetch(grad[0]).run()) {
                    r.size();
                  }
                });
        assertTrue(
            e.getMessage().contains("does not match declared output type resource"),
            e.getMessage());
      }
    }
  }

  @Test
  void shouldMatchTheAnalyticSigmoidGradientAfterInlining() {
    try (SavedModel model = SavedModel.load(dir)) {
      GradientSpec spec = GradientSpec.of("serving_default");
      GradientFunction f = model.gradient(spec);
      assertEquals(3, f.dimension());
      double[] points = {0.5, -1.0, 2.0, 1.5, 0.25, -0.75};
      double[] values = new double[2];
      double[] grads = new double[6];
      f.evaluate(points, new int[] {0, 1}, 2, values, grads);
      for (int k = 0; k < 2; k++) {
        double[] p = {points[3 * k], points[3 * k + 1], points[3 * k + 2]};
        double[] expected = KerasStructureFixture.analyticGradient(p);
        assertEquals(KerasStructureFixture.analyticValue(p), values[k], 1e-6);
        for (int i = 0; i < 3; i++) {
          assertEquals(expected[i], grads[3 * k + i], 1e-6, "point " + k + " feature " + i);
        }
      }
      assertTrue(model.inlinedOpCount(spec) >= 3, "the nested calls were inlined");
    }
  }

  @Test
  void shouldFindALayerInsideTheInlinedNestedFunctionAndDifferentiateAtIt() {
    try (SavedModel model = SavedModel.load(dir)) {
      Layer layer = model.layer(GradientSpec.of("serving_default"), "MatMul");
      assertEquals(1, layer.dimension());
      assertTrue(layer.tensorName().startsWith("igstream_inline_"), layer.tensorName());
      double[] x = {0.5, -1.0, 2.0};
      double z = layer.activations(x, new int[1], 1)[0];
      double expectedZ = 0;
      for (int i = 0; i < 3; i++) {
        expectedZ += x[i] * KerasStructureFixture.W[i][0];
      }
      assertEquals(expectedZ, z, 1e-6);
      double[] value = new double[1];
      double[] grad = new double[1];
      layer.gradient().evaluate(new double[] {z}, new int[1], 1, value, grad);
      double s = 1 / (1 + Math.exp(-z));
      assertEquals(s, value[0], 1e-6);
      assertEquals(s * (1 - s), grad[0], 1e-6);
    }
  }

  @Test
  void shouldFollowIdentityOpsBackToTheInlinedSigmoidForTheLogit() {
    try (SavedModel model = SavedModel.load(dir)) {
      GradientFunction f =
          model.gradient(GradientSpec.of("serving_default").withTarget(Target.DEFAULT.onLogit()));
      double[] x = {0.5, -1.0, 2.0};
      double[] value = new double[1];
      double[] grad = new double[3];
      f.evaluate(x, new int[1], 1, value, grad);
      double z = 0;
      for (int i = 0; i < 3; i++) {
        z += x[i] * KerasStructureFixture.W[i][0];
        assertEquals(KerasStructureFixture.W[i][0], grad[i], 1e-6);
      }
      assertEquals(z, value[0], 1e-6);
    }
  }
}
