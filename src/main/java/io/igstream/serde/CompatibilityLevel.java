package io.igstream.serde;

import java.util.Locale;

/**
 * Schema Registry compatibility levels. "Backward": the new schema can read data written with the
 * old one(s); "forward": old schemas can read data written with the new one; "full": both. The
 * plain levels compare with the latest version only, the {@code _TRANSITIVE} ones with every
 * version.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Whether the new schema must read data written with older ones. */
  public boolean backward() {
    return backward;
  }

  /** Whether older schemas must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Whether every earlier version is checked, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Parses a level name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the valid levels
   */
  public static CompatibilityLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "invalid compatibility level '"
              + name
              + "'; valid: "
              + java.util.Arrays.toString(values()),
          e);
    }
  }
}
