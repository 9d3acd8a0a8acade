package io.igstream.spec;

import java.util.List;

/**
 * The spec's reason-code table ({@code "reasonCodes"}) and how many reasons an alert gets ({@code
 * "reasonCount"}). An empty table means the model publishes no reason codes.
 *
 * @param groups the table's rows, in spec order
 * @param reasonCount k, the most reasons per alert (default {@value #DEFAULT_REASON_COUNT})
 */
public record ReasonCodesSpec(List<Group> groups, int reasonCount) {
  /** Adverse-action practice (ECOA/Reg B, FICO): up to 4 principal reasons. */
  public static final int DEFAULT_REASON_COUNT = 4;

  /** No table: the model publishes no reason codes. */
  public static final ReasonCodesSpec NONE = new ReasonCodesSpec(List.of(), DEFAULT_REASON_COUNT);

  public ReasonCodesSpec {
    groups = List.copyOf(groups);
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  /** One row: {@code {"code": "R03", "text": "...", "features": ["amount", ...]}}. */
  public record Group(String code, String text, List<String> features) {
    public Group {
      features = List.copyOf(features);
    }
  }
}
