package io.igstream.model;

import java.util.Locale;

/** Where TensorFlow runs a model's graph: {@code igstream.device}. */
public enum Device {
  CPU,
  GPU;

  /** Parses {@code cpu} or {@code gpu} (any case); anything else names the accepted values. */
  public static Device parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "cpu" -> CPU;
      case "gpu" -> GPU;
      default ->
          throw new IllegalArgumentException("device must be 'cpu' or 'gpu', got '" + text + "'");
    };
  }
}
