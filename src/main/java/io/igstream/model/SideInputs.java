package io.igstream.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Values for the signature inputs that are NOT attributed to. Each is either fixed for every event
 * or given per event (row {@code owners[k]} is fed with point {@code k}). Values are row-major and
 * exclude the batch dimension. Immutable; arrays are copied in.
 */
public final class SideInputs {
  private static final SideInputs NONE = new SideInputs(Map.of(), Map.of());

  private final Map<String, double[]> fixed;
  private final Map<String, double[][]> perEvent;

  private SideInputs(Map<String, double[]> fixed, Map<String, double[][]> perEvent) {
    this.fixed = fixed;
    this.perEvent = perEvent;
  }

  public static SideInputs none() {
    return NONE;
  }

  /** A copy that feeds {@code values} to input {@code key} for every event. */
  public SideInputs withFixed(String key, double... values) {
    Map<String, double[]> f = new HashMap<>(fixed);
    Map<String, double[][]> p = new HashMap<>(perEvent);
    p.remove(key);
    f.put(key, values.clone());
    return new SideInputs(Map.copyOf(f), Map.copyOf(p));
  }

  /** A copy that feeds {@code rows[event]} to input {@code key}. */
  public SideInputs withPerEvent(String key, double[][] rows) {
    Map<String, double[]> f = new HashMap<>(fixed);
    Map<String, double[][]> p = new HashMap<>(perEvent);
    f.remove(key);
    double[][] copy = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      copy[i] = rows[i].clone();
    }
    p.put(key, copy);
    return new SideInputs(Map.copyOf(f), Map.copyOf(p));
  }

  public boolean has(String key) {
    return fixed.containsKey(key) || perEvent.containsKey(key);
  }

  public Set<String> keys() {
    Set<String> keys = new TreeSet<>(fixed.keySet());
    keys.addAll(perEvent.keySet());
    return keys;
  }

  /** The values of input {@code key} for event {@code owner}; the caller must not modify them. */
  double[] valuesFor(String key, int owner) {
    double[] f = fixed.get(key);
    if (f != null) {
      return f;
    }
    double[][] rows = perEvent.get(key);
    if (rows == null) {
      throw new ModelException("no value given for side input '" + key + "'");
    }
    if (owner < 0 || owner >= rows.length) {
      throw new ModelException(
          "side input '"
              + key
              + "' has values for events 0.."
              + (rows.length - 1)
              + " but event "
              + owner
              + " was asked for");
    }
    return rows[owner];
  }
}
