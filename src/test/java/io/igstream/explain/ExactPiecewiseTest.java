package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.PiecewiseMlp.Activation;
import io.igstream.explain.PiecewiseMlp.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact method against a brute-force 100 000-step midpoint rule (float64) on Java ReLU nets of
 * several depths, widths, activations and heads, on paths with many breakpoints.
 */
class ExactPiecewiseTest {
  private static final int REFERENCE_STEPS = 100_000;
  private static final int EVENTS = 6;

  static Stream<Arguments> nets() {
    return Stream.of(
        Arguments.of(Head.SIGMOID, Activation.RELU, new int[] {64}),
        Arguments.of(Head.SIGMOID, Activation.RELU, new int[] {24, 24}),
        Arguments.of(Head.IDENTITY, Activation.RELU, new int[] {16, 16, 16}),
        Arguments.of(Head.SOFTMAX, Activation.RELU, new int[] {24, 24}),
        Arguments.of(Head.SOFTMAX, Activation.LEAKY, new int[] {32, 16}),
        Arguments.of(Head.SIGMOID, Activation.RELU6, new int[] {24, 24}));
  }

  @ParameterizedTest(name = "{0} head, {1}, hidden {2}")
  @MethodSource("nets")
  void matchesTheMidpointReferenceOnPathsWithManyBreakpoints(
      Head head, Activation activation, int[] hidden) {
    PiecewiseMlp net = new PiecewiseMlp(11, 8, head, activation, hidden);
    Random random = new Random(5);
    List<PathRequest> requests = new ArrayList<>();
    for (int e = 0; e < EVENTS; e++) {
      requests.add(
          PathRequest.of(
              TestFunctions.randomVector(random, 8, 3), TestFunctions.randomVector(random, 8, 3)));
    }
    List<Attribution> exact = new IntegratedGradients().explain(net, requests);
    int breakpoints = 0;
    for (int e = 0; e < EVENTS; e++) {
      double[] x = requests.get(e).input();
      double[] baseline = requests.get(e).baselines().get(0);
      double[] reference = net.midpointIg(x, baseline, REFERENCE_STEPS);
      double scale = 0;
      for (double v : reference) {
        scale = Math.max(scale, Math.abs(v));
      }
      double[] got = exact.get(e).attributions();
      for (int i = 0; i < got.length; i++) {
        assertEquals(
            reference[i], got[i], 1e-4 * scale, "event " + e + " feature " + i + " vs midpoint");
      }
      Attribution a = exact.get(e);
      assertEquals("exact_piecewise", a.method());
      assertTrue(a.toleranceMet());
      assertTrue(
          Math.abs(a.completenessError()) <= 1e-12 * Math.max(1, Math.abs(a.prediction())),
          "completeness error at rounding level, got " + a.completenessError());
      breakpoints += net.breakpointsOnGrid(x, baseline, 20_000);
    }
    assertTrue(
        breakpoints >= 30 * EVENTS,
        "the fixture's paths must average >= 30 breakpoints, got " + breakpoints / (double) EVENTS);
  }

  @Test
  void scalarHeadsCostOneForwardPerBreakpointAndOneGradientPerRegion() {
    PiecewiseMlp net = new PiecewiseMlp(3, 8, Head.SIGMOID, Activation.RELU, 48);
    Random random = new Random(9);
    double[] x = TestFunctions.randomVector(random, 8, 3);
    double[] baseline = TestFunctions.randomVector(random, 8, 3);
    Attribution a = new IntegratedGradients().explain(net, PathRequest.of(x, baseline));
    int breakpoints = net.breakpointsOnGrid(x, baseline, 100_000);
    // 2 ends + one forward per breakpoint + one gradient per region (breakpoints + 1).
    assertEquals(2 + breakpoints + breakpoints + 1, a.steps());
  }

  @Test
  void pathsStartingOnEveryKinkAreStillExact() {
    // Zero biases and a zero baseline: every pre-activation is exactly 0 at alpha = 0.
    PiecewiseMlp net = new PiecewiseMlp(21, 6, Head.SIGMOID, Activation.RELU, 0.0, 16, 16);
    double[] x = TestFunctions.randomVector(new Random(2), 6, 2);
    double[] baseline = new double[6];
    Attribution a = new IntegratedGradients().explain(net, PathRequest.of(x, baseline));
    double[] reference = net.midpointIg(x, baseline, REFERENCE_STEPS);
    double[] got = a.attributions();
    for (int i = 0; i < got.length; i++) {
      assertEquals(reference[i], got[i], 1e-6, "feature " + i);
    }
    assertTrue(Math.abs(a.completenessError()) < 1e-12);
  }

  @Test
  void autoPicksExactForPiecewiseFunctionsAndAdaptiveOtherwise() {
    IntegratedGradients engine = new IntegratedGradients();
    PiecewiseMlp net = new PiecewiseMlp(1, 4, Head.SIGMOID, Activation.RELU, 8);
    assertEquals(IntegrationMethod.EXACT, engine.methodFor(net));
    GradientFunction smooth = TestFunctions.expDot(new double[] {0.1, 0.2, 0.3, 0.4});
    assertEquals(IntegrationMethod.ADAPTIVE, engine.methodFor(smooth));
    Attribution a =
        engine.explain(smooth, PathRequest.of(new double[] {1, 1, 1, 1}, Baseline.zero()));
    assertEquals("adaptive_kronrod_trapezoid", a.method());
  }

  @Test
  void exactOnANonPiecewiseFunctionIsRefusedWithTheWayOut() {
    IntegratedGradients engine =
        new IntegratedGradients(IgOptions.builder().method("exact").build());
    GradientFunction smooth = TestFunctions.expDot(new double[] {0.1, 0.2});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.explain(smooth, PathRequest.of(new double[] {1, 1}, Baseline.zero())));
    assertTrue(e.getMessage().contains("auto"), e.getMessage());
  }

  @Test
  void aSpentBudgetIsReportedNotHidden() {
    PiecewiseMlp net = new PiecewiseMlp(3, 8, Head.SIGMOID, Activation.RELU, 48);
    Random random = new Random(9);
    PathRequest request =
        PathRequest.of(
            TestFunctions.randomVector(random, 8, 3), TestFunctions.randomVector(random, 8, 3));
    IntegratedGradients tight =
        new IntegratedGradients(
            IgOptions.builder().maxSteps(AdaptiveIntegrator.INITIAL_STEPS).build());
    Attribution a = tight.explain(net, request);
    assertFalse(a.toleranceMet(), "a path cut short must not claim the tolerance");
    assertTrue(a.steps() <= 2 * AdaptiveIntegrator.INITIAL_STEPS, "steps " + a.steps());
  }

  @Test
  void expectedIgAndSmoothingRunOnTheExactMethodToo() {
    PiecewiseMlp net = new PiecewiseMlp(4, 5, Head.SIGMOID, Activation.RELU, 12, 12);
    Random random = new Random(1);
    double[] x = TestFunctions.randomVector(random, 5, 2);
    List<double[]> baselines =
        List.of(TestFunctions.randomVector(random, 5, 2), TestFunctions.randomVector(random, 5, 2));
    Attribution a = new IntegratedGradients().explain(net, new PathRequest(x, baselines));
    double[] expected = new double[5];
    for (double[] b : baselines) {
      double[] ref = net.midpointIg(x, b, REFERENCE_STEPS);
      for (int i = 0; i < 5; i++) {
        expected[i] += ref[i] / baselines.size();
      }
    }
    double[] got = a.attributions();
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], got[i], 1e-5, "feature " + i);
    }
    Attribution smoothed =
        new IntegratedGradients(
                IgOptions.builder()
                    .smoothing(new Smoothing(NoiseTunnel.SMOOTHGRAD, 4, 0.1, 7))
                    .build())
            .explain(net, PathRequest.of(x, baselines.get(0)));
    assertEquals("smoothgrad(exact_piecewise)", smoothed.method());
    assertTrue(Math.abs(smoothed.completenessError()) < 1e-12);
  }
}
