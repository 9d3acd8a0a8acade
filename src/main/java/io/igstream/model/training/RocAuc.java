package io.igstream.model.training;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (the Mann-Whitney U statistic with mid-ranks).
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * @throws IllegalArgumentException if the lengths differ or a class is missing
   */
  public static double of(double[] scores, boolean[] positives) {
    if (scores.length != positives.length) {
      throw new IllegalArgumentException("scores and labels differ in length");
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double positiveRankSum = 0.0;
    long positiveCount = 0;
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
        end++;
      }
      double midRank = (start + end) / 2.0 + 1.0;
      for (int k = start; k <= end; k++) {
        if (positives[order[k]]) {
          positiveRankSum += midRank;
          positiveCount++;
        }
      }
      start = end + 1;
    }
    long negativeCount = scores.length - positiveCount;
    if (positiveCount == 0 || negativeCount == 0) {
      throw new IllegalArgumentException("AUC needs both positives and negatives");
    }
    double u = positiveRankSum - positiveCount * (positiveCount + 1) / 2.0;
    return u / ((double) positiveCount * negativeCount);
  }
}
