package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineTest {

  @Test
  void shouldResolveEachKindToVectorsOfTheModelDimension() {
    assertArrayEquals(new double[3], Baseline.zero().resolve(3).get(0));
    assertArrayEquals(new double[] {0.5, 0.5}, new Baseline.Constant(0.5).resolve(2).get(0));
    assertArrayEquals(
        new double[] {1, 2}, new Baseline.Vector(new double[] {1, 2}).resolve(2).get(0));
    List<double[]> expected =
        new Baseline.Expected(List.of(new double[] {1, 2}, new double[] {3, 4})).resolve(2);
    assertEquals(2, expected.size());
    assertArrayEquals(new double[] {3, 4}, expected.get(1));
  }

  @Test
  void shouldDescribeItselfForAuditOutput() {
    assertEquals("zero", Baseline.zero().description());
    assertEquals("constant(0.5)", new Baseline.Constant(0.5).description());
    assertEquals("vector", new Baseline.Vector(new double[] {1}).description());
    assertEquals(
        "expected(2 baselines)",
        new Baseline.Expected(List.of(new double[] {1}, new double[] {2})).description());
  }

  @Test
  void shouldRejectADimensionMismatchWithAClearMessage() {
    IllegalArgumentException vector =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Baseline.Vector(new double[] {1, 2, 3}).resolve(4));
    assertTrue(vector.getMessage().contains("3 features"), vector.getMessage());
    assertTrue(vector.getMessage().contains("4"), vector.getMessage());
    IllegalArgumentException expected =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Baseline.Expected(List.of(new double[2], new double[3])).resolve(2));
    assertTrue(expected.getMessage().contains("expected baseline 1"), expected.getMessage());
  }

  @Test
  void shouldRejectNonFiniteAndEmptyBaselines() {
    assertThrows(IllegalArgumentException.class, () -> new Baseline.Constant(Double.NaN));
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Baseline.Vector(new double[] {0, Double.POSITIVE_INFINITY}));
    assertTrue(nan.getMessage().contains("feature 1"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Baseline.Expected(List.of()));
  }

  @Test
  void shouldNotLetCallersMutateAConfiguredVector() {
    double[] values = {1, 2};
    Baseline.Vector baseline = new Baseline.Vector(values);
    values[0] = 99;
    baseline.values()[1] = 99;
    assertArrayEquals(new double[] {1, 2}, baseline.resolve(2).get(0));
  }
}
