package io.igstream.explain;

import java.util.Arrays;
import java.util.List;

/**
 * The worst-first order of the panels one refinement round may split: the positions (in the path's
 * panel list) of the panels whose indicator is not below {@code floor}, by indicator descending,
 * ties in list order, exactly as a stable descending sort of the whole list would put them (NaN
 * first, as {@link Double#compare} orders it). Only this top group is sorted, usually a handful of
 * panels, instead of every panel of the path every round. Reused across rounds and paths.
 */
final class PanelOrder {
  /**
   * Groups up to this size are insertion-sorted without boxing; larger ones fall back to TimSort.
   */
  private static final int INSERTION_LIMIT = 48;

  private int[] positions = new int[64];
  private int size;

  /** Collects and orders the panels with {@code !(indicator < floor)}. */
  void sortTopGroup(List<AdaptivePanel> panels, double floor) {
    size = 0;
    for (int k = 0; k < panels.size(); k++) {
      if (!(panels.get(k).indicator < floor)) {
        if (size == positions.length) {
          positions = Arrays.copyOf(positions, 2 * size);
        }
        positions[size++] = k;
      }
    }
    if (size <= INSERTION_LIMIT) {
      insertionSort(panels);
    } else {
      Integer[] boxed = new Integer[size];
      for (int k = 0; k < size; k++) {
        boxed[k] = positions[k];
      }
      Arrays.sort(
          boxed, (a, b) -> Double.compare(panels.get(b).indicator, panels.get(a).indicator));
      for (int k = 0; k < size; k++) {
        positions[k] = boxed[k];
      }
    }
  }

  /** Stable: an element moves left only past strictly smaller indicators. */
  private void insertionSort(List<AdaptivePanel> panels) {
    for (int k = 1; k < size; k++) {
      int position = positions[k];
      double indicator = panels.get(position).indicator;
      int j = k - 1;
      while (j >= 0 && Double.compare(panels.get(positions[j]).indicator, indicator) < 0) {
        positions[j + 1] = positions[j];
        j--;
      }
      positions[j + 1] = position;
    }
  }

  int size() {
    return size;
  }

  /** The list position of the {@code k}-th worst panel of the top group. */
  int get(int k) {
    return positions[k];
  }
}
