package io.igstream.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * Time windows of a drift profile, on record timestamps (epoch ms): windows of {@code sizeMs}
 * starting at every multiple of {@code advanceMs}. {@code advance = size} gives tumbling windows
 * (each event in exactly one); {@code advance < size} hopping windows (each event in {@code
 * ceil(size / advance)} or so). Window {@code [start, start + size)}: start inclusive, end
 * exclusive, aligned to the epoch like Kafka Streams' time windows.
 */
public record DriftWindows(long sizeMs, long advanceMs) {
  public DriftWindows {
    if (sizeMs < 1) {
      throw new IllegalArgumentException("window size must be at least 1 ms: " + sizeMs);
    }
    if (advanceMs < 1 || advanceMs > sizeMs) {
      throw new IllegalArgumentException(
          "window advance must be in [1, size=" + sizeMs + "] ms: " + advanceMs);
    }
  }

  public static DriftWindows tumbling(long sizeMs) {
    return new DriftWindows(sizeMs, sizeMs);
  }

  public boolean isTumbling() {
    return advanceMs == sizeMs;
  }

  /** The starts of every window holding {@code timestampMs}, earliest first (none before 0). */
  public List<Long> startsFor(long timestampMs) {
    if (timestampMs < 0) {
      throw new IllegalArgumentException("negative timestamp: " + timestampMs);
    }
    long last = Math.floorDiv(timestampMs, advanceMs) * advanceMs;
    List<Long> starts = new ArrayList<>();
    for (long s = last; s >= 0 && s > timestampMs - sizeMs; s -= advanceMs) {
      starts.add(0, s);
    }
    return starts;
  }

  public long endOf(long startMs) {
    return startMs + sizeMs;
  }
}
