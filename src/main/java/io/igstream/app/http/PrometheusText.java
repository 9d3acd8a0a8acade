package io.igstream.app.http;

import java.util.Locale;
import java.util.Map;

/**
 * Builds the Prometheus text exposition format (version 0.0.4): a {@code # HELP} and {@code # TYPE}
 * line per metric family, then one sample per line.
 *
 * @see <a href="https://prometheus.io/docs/instrumenting/exposition_formats/">Exposition
 *     formats</a>
 */
public final class PrometheusText {
  private final StringBuilder out = new StringBuilder();

  public PrometheusText counter(String name, String help, double value) {
    return family(name, help, "counter").sample(name, Map.of(), value);
  }

  public PrometheusText gauge(String name, String help, double value) {
    return family(name, help, "gauge").sample(name, Map.of(), value);
  }

  /** Starts a family whose samples follow with {@link #sample}. */
  public PrometheusText family(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  public PrometheusText sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      String sep = "";
      for (Map.Entry<String, String> l : new java.util.TreeMap<>(labels).entrySet()) {
        out.append(sep).append(l.getKey()).append("=\"").append(escapeLabel(l.getValue()));
        out.append('"');
        sep = ",";
      }
      out.append('}');
    }
    out.append(' ').append(format(value)).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.9g", v).trim();
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabel(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
  }
}
