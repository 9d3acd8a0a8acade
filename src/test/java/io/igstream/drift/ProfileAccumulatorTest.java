package io.igstream.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileAccumulatorTest {
  private static final List<String> AB = List.of("a", "b");

  @Test
  void shouldAverageAbsoluteAndSignedAttributionsAndShareTheAbsoluteMass() {
    ProfileAccumulator acc = new ProfileAccumulator(AB);
    acc.add(new double[] {1, -2});
    acc.add(new double[] {-3, 4});
    AttributionProfile p = acc.profile();
    // meanAbs = ((1+3)/2, (2+4)/2) = (2, 3); mean = (-1, 1); share = (2/5, 3/5).
    assertEquals(2, p.events());
    assertArrayEquals(new double[] {2, 3}, p.meanAbs(), 1e-15);
    assertArrayEquals(new double[] {-1, 1}, p.mean(), 1e-15);
    assertArrayEquals(new double[] {0.4, 0.6}, p.share(), 1e-15);
  }

  @Test
  void shouldMergeToTheSameProfileAsAddingEverything() {
    ProfileAccumulator all = new ProfileAccumulator(AB);
    ProfileAccumulator left = new ProfileAccumulator(AB);
    ProfileAccumulator right = new ProfileAccumulator(AB);
    double[][] events = {{0.5, 0.25}, {-1, 2}, {3, -0.5}};
    for (int i = 0; i < events.length; i++) {
      all.add(events[i]);
      (i == 0 ? left : right).add(events[i]);
    }
    left.merge(right);
    assertEquals(all, left);
    assertEquals(all.profile(), left.profile());
  }

  @Test
  void shouldShareUniformlyWhenEveryAttributionIsZero() {
    ProfileAccumulator acc = new ProfileAccumulator(List.of("a", "b", "c", "d"));
    acc.add(new double[4]);
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, acc.profile().share(), 0.0);
  }

  @Test
  void shouldRefuseWrongLengthsNonFiniteValuesAndOtherFeatures() {
    ProfileAccumulator acc = new ProfileAccumulator(AB);
    assertThrows(IllegalArgumentException.class, () -> acc.add(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> acc.add(new double[] {1, Double.NaN}));
    assertThrows(
        IllegalArgumentException.class, () -> acc.merge(new ProfileAccumulator(List.of("a", "c"))));
    assertThrows(IllegalStateException.class, acc::profile);
    assertEquals(0, acc.count(), "a refused event leaves the sums untouched");
  }
}
