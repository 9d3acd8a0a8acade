package io.igstream.reasons;

import java.util.List;
import java.util.Objects;

/**
 * One row of a model's reason-code table: a code from the fixed vocabulary, the human text shown to
 * analysts and customers, and the features whose attributions are summed into it.
 *
 * @param code the code, e.g. {@code R03}; unique within a table
 * @param text the human text, e.g. "Transaction amount far above the account's usual"
 * @param features feature names, at least one; a feature belongs to at most one group of a table
 */
public record ReasonGroup(String code, String text, List<String> features) {
  public ReasonGroup {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
    features = List.copyOf(features);
    if (code.isBlank()) {
      throw new IllegalArgumentException("a reason code must not be blank");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("reason code " + code + " needs a text");
    }
    if (features.isEmpty()) {
      throw new IllegalArgumentException("reason code " + code + " names no features");
    }
  }
}
