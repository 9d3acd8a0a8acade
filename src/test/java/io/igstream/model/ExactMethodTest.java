package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.model.ReluNetFixture.Head;
import io.igstream.model.ReluNetFixture.Hidden;
import io.igstream.model.ReluNetFixture.Net;
import io.igstream.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact method on TensorFlow ReLU nets built here (float64; several depths and widths; sigmoid
 * and softmax heads; plain graphs and the Keras function-call structure), against a brute-force 100
 * 000-step midpoint rule run through the same SavedModel's plain gradient.
 */
class ExactMethodTest {
  private static final int EVENTS = 6;
  private static final int DIMENSION = 10;

  @TempDir Path dir;

  static Stream<Arguments> nets() {
    return Stream.of(
        Arguments.of(new Net(1, DIMENSION, new int[] {64}, Head.SIGMOID, Hidden.RELU, false)),
        Arguments.of(new Net(2, DIMENSION, new int[] {48, 48}, Head.SIGMOID, Hidden.RELU, true)),
        Arguments.of(
            new Net(3, DIMENSION, new int[] {24, 24, 24}, Head.SOFTMAX, Hidden.RELU, false)),
        Arguments.of(new Net(4, DIMENSION, new int[] {64, 32}, Head.SOFTMAX, Hidden.RELU, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nets")
  void exactAttributionsMatchTheMidpointReference(Net net) throws IOException {
    ReluNetFixture.write(dir, net);
    List<InputEvent> events = events(new Random(net.seed()));
    ModelSpec spec = ModelSpec.defaults("net");
    try (ModelExplainer exact = ModelExplainer.open(dir, spec);
        ModelExplainer reference =
            ModelExplainer.open(dir, spec.withMethod("riemann_middle", 100_000))) {
      assertEquals("exact_piecewise", exact.integrationMethod());
      List<ExplainedEvent> got = exact.explain(events);
      int breakpoints = 0;
      for (int e = 0; e < EVENTS; e++) {
        ExplainedEvent ref = reference.explain(List.of(events.get(e))).get(0);
        double scale = 0;
        for (double v : ref.attributions()) {
          scale = Math.max(scale, Math.abs(v));
        }
        ExplainedEvent g = got.get(e);
        for (int i = 0; i < DIMENSION; i++) {
          assertEquals(
              ref.attributions()[i], g.attributions()[i], 1e-4 * scale, "event " + e + " x" + i);
        }
        assertEquals("exact_piecewise", g.method());
        assertTrue(g.toleranceMet());
        assertTrue(
            Math.abs(g.completenessError()) < 1e-12,
            "completeness at float64 rounding, got " + g.completenessError());
        breakpoints +=
            ReluNetFixture.breakpointsOnGrid(
                net, events.get(e).features(), events.get(e).baseline().orElseThrow(), 20_000);
      }
      assertTrue(
          breakpoints >= 30 * EVENTS,
          "paths must average >= 30 breakpoints, got " + breakpoints / (double) EVENTS);
    }
  }

  @Test
  void aTanhHiddenLayerIsDetectedAndFallsBackToAdaptive() throws IOException {
    Net net = new Net(5, DIMENSION, new int[] {16, 16}, Head.SIGMOID, Hidden.TANH, true);
    ReluNetFixture.write(dir, net);
    try (ModelExplainer auto = ModelExplainer.open(dir, ModelSpec.defaults("tanh"))) {
      assertEquals("adaptive_kronrod_trapezoid", auto.integrationMethod());
      String why = auto.exactUnavailableReason().orElseThrow();
      assertTrue(why.contains("Tanh") && why.contains("smooth hidden layer"), why);
      ExplainedEvent e = auto.explain(events(new Random(1)).subList(0, 1)).get(0);
      assertEquals("adaptive_kronrod_trapezoid", e.method());
      assertTrue(e.toleranceMet());
    }
    ModelException refused =
        assertThrows(
            ModelException.class,
            () -> ModelExplainer.open(dir, ModelSpec.defaults("tanh").withMethod("exact", 50)));
    assertTrue(refused.getMessage().contains("Tanh"), refused.getMessage());
    assertTrue(refused.getMessage().contains("method auto"), refused.getMessage());
  }

  @Test
  void anyRuleCanStillBeForcedOnAQualifyingGraph() throws IOException {
    ReluNetFixture.write(
        dir, new Net(6, DIMENSION, new int[] {16}, Head.SIGMOID, Hidden.RELU, false));
    try (ModelExplainer adaptive =
            ModelExplainer.open(dir, ModelSpec.defaults("n").withMethod("adaptive", 50));
        ModelExplainer gl =
            ModelExplainer.open(dir, ModelSpec.defaults("n").withMethod("gausslegendre", 50))) {
      assertEquals("adaptive_kronrod_trapezoid", adaptive.integrationMethod());
      assertEquals(
          "gausslegendre", gl.explain(events(new Random(2)).subList(0, 1)).get(0).method());
    }
  }

  private static List<InputEvent> events(Random random) {
    List<InputEvent> events = new ArrayList<>();
    for (int e = 0; e < EVENTS; e++) {
      double[] x = new double[DIMENSION];
      double[] baseline = new double[DIMENSION];
      for (int i = 0; i < DIMENSION; i++) {
        x[i] = 3 * random.nextGaussian();
        baseline[i] = 3 * random.nextGaussian();
      }
      events.add(new InputEvent("e" + e, x, Optional.empty(), Optional.of(baseline)));
    }
    return events;
  }
}
