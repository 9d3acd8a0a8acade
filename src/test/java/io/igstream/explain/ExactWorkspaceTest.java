package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.PiecewiseMlp.Activation;
import io.igstream.explain.PiecewiseMlp.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The exact method's per-thread workspace ({@link ExactWorkspace}) carries nothing from one call to
 * the next: a batch gives the same bits on a fresh thread as after larger batches of other nets
 * (other layer counts and widths) on the same thread, and threads explaining at the same time do
 * not disturb each other.
 */
class ExactWorkspaceTest {
  private final PiecewiseMlp deep =
      new PiecewiseMlp(3, 8, Head.SIGMOID, Activation.RELU, 32, 24, 16);
  private final PiecewiseMlp wide = new PiecewiseMlp(4, 12, Head.SOFTMAX, Activation.RELU6, 96);
  private final List<PathRequest> batch = requests(1, 8, 9);

  @Test
  void aBatchGivesTheSameBitsOnAFreshThreadAndAfterOtherNetsOnThisOne() throws Exception {
    List<Attribution> fresh = onNewThread(() -> explain(deep, batch));
    explain(wide, requests(2, 12, 40));
    explain(deep, requests(3, 8, 60));
    List<Attribution> reused = explain(deep, batch);
    assertSameBits(fresh, reused);
    explain(wide, requests(5, 12, 3));
    assertSameBits(fresh, explain(deep, batch));
  }

  @Test
  void aCallThatFailedMidStreamLeavesNothingBehind() {
    // A model that returns NaN where the first feature is huge (as a float32 model overflows).
    PiecewiseAffineFunction overflowing = new Overflowing(deep);
    List<PathRequest> poisoned = new ArrayList<>(batch);
    poisoned.add(PathRequest.of(new double[] {1e300, 0, 0, 0, 0, 0, 0, 0}, new double[8]));
    List<Attribution> clean = new IntegratedGradients().explain(overflowing, batch);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new IntegratedGradients().explain(overflowing, poisoned));
    assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    assertSameBits(clean, new IntegratedGradients().explain(overflowing, batch));
  }

  @Test
  void threadsExplainingAtTheSameTimeGetTheirOwnResults() throws Exception {
    List<PathRequest> other = requests(7, 12, 30);
    List<Attribution> expectedDeep = explain(deep, batch);
    List<Attribution> expectedWide = explain(wide, other);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Attribution>>> futures = new ArrayList<>();
      for (int k = 0; k < 16; k++) {
        boolean even = k % 2 == 0;
        futures.add(pool.submit(() -> even ? explain(deep, batch) : explain(wide, other)));
      }
      for (int k = 0; k < futures.size(); k++) {
        assertSameBits(k % 2 == 0 ? expectedDeep : expectedWide, futures.get(k).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code net}, but F is NaN at points whose first feature exceeds 1e200. */
  private record Overflowing(PiecewiseMlp net) implements PiecewiseAffineFunction {
    @Override
    public int dimension() {
      return net.dimension();
    }

    @Override
    public List<KinkLayer> kinkLayers() {
      return net.kinkLayers();
    }

    @Override
    public boolean scalarHead() {
      return net.scalarHead();
    }

    @Override
    public double relativeRounding() {
      return net.relativeRounding();
    }

    @Override
    public void evaluate(double[] points, int[] owners, int count, double[] values, double[] g) {
      net.evaluate(points, owners, count, values, g);
      overflow(points, count, values);
    }

    @Override
    public void forward(
        double[] points, int[] owners, int count, int first, double[] values, double[] pre) {
      net.forward(points, owners, count, first, values, pre);
      overflow(points, count, values);
    }

    private void overflow(double[] points, int count, double[] values) {
      for (int k = 0; k < count; k++) {
        if (points[k * dimension()] > 1e200) {
          values[k] = Double.NaN;
        }
      }
    }
  }

  private static List<Attribution> explain(PiecewiseMlp net, List<PathRequest> requests) {
    return new IntegratedGradients().explain(net, requests);
  }

  private static List<Attribution> onNewThread(
      java.util.concurrent.Callable<List<Attribution>> work) throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      return single.submit(work).get();
    } finally {
      single.shutdownNow();
    }
  }

  private static void assertSameBits(List<Attribution> expected, List<Attribution> actual) {
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      Attribution e = expected.get(r);
      Attribution a = actual.get(r);
      assertArrayEquals(e.attributions(), a.attributions(), 0.0, "request " + r);
      assertEquals(e.prediction(), a.prediction(), 0.0);
      assertEquals(e.baselinePrediction(), a.baselinePrediction(), 0.0);
      assertEquals(e.completenessError(), a.completenessError(), 0.0);
      assertEquals(e.steps(), a.steps(), "request " + r);
      assertEquals(e.toleranceMet(), a.toleranceMet());
    }
  }

  private static List<PathRequest> requests(long seed, int dimension, int count) {
    Random random = new Random(seed);
    List<PathRequest> out = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      out.add(
          PathRequest.of(
              TestFunctions.randomVector(random, dimension, 3),
              TestFunctions.randomVector(random, dimension, 3)));
    }
    return out;
  }
}
