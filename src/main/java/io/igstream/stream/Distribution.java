package io.igstream.stream;

import java.util.Arrays;

/**
 * Count, sum, max and cumulative bucket counts of observed values (a Prometheus-style histogram).
 * Thread-safe; observations are cheap next to an explain call, so a lock is fine.
 */
public final class Distribution {
  private final double[] upperBounds;
  private final long[] bucketCounts;
  private long count;
  private double sum;
  private double max = Double.NaN;

  /** A distribution with these bucket upper bounds (ascending); +Inf is implicit. */
  public Distribution(double... upperBounds) {
    for (int i = 1; i < upperBounds.length; i++) {
      if (!(upperBounds[i] > upperBounds[i - 1])) {
        throw new IllegalArgumentException(
            "bucket bounds must ascend: " + Arrays.toString(upperBounds));
      }
    }
    this.upperBounds = upperBounds.clone();
    this.bucketCounts = new long[upperBounds.length];
  }

  public synchronized void observe(double value) {
    count++;
    sum += value;
    if (Double.isNaN(max) || value > max) {
      max = value;
    }
    for (int i = 0; i < upperBounds.length; i++) {
      if (value <= upperBounds[i]) {
        bucketCounts[i]++;
      }
    }
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(count, sum, max, upperBounds.clone(), bucketCounts.clone());
  }

  /**
   * A consistent view.
   *
   * @param count observations
   * @param sum their sum
   * @param max the largest (NaN before the first)
   * @param upperBounds bucket upper bounds
   * @param cumulativeCounts observations {@code <=} each bound
   */
  public record Snapshot(
      long count, double sum, double max, double[] upperBounds, long[] cumulativeCounts) {
    public double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
