package io.igstream.app;

import java.io.PrintStream;

/** A one-line progress bar on stderr, drawn only when a terminal is attached. */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final long total;
  private final boolean enabled;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos;

  ProgressBar(PrintStream out, long total, boolean enabled) {
    this.out = out;
    this.total = Math.max(1, total);
    this.enabled = enabled;
  }

  static ProgressBar onTerminal(long total) {
    return new ProgressBar(System.err, total, System.console() != null);
  }

  void update(long done) {
    long now = System.nanoTime();
    if (!enabled || (now - lastDrawNanos < 100_000_000L && done < total)) {
      return;
    }
    lastDrawNanos = now;
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    out.printf(
        "\r[%s%s] %d/%d events  %.0f events/s",
        "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, done / seconds);
    if (done >= total) {
      out.println();
    }
    out.flush();
  }
}
