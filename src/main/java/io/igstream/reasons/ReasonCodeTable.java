package io.igstream.reasons;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's reason-code table bound to its feature order: which attribution index feeds which
 * group, and how many reasons to emit.
 *
 * <p>Rules, checked when binding: codes are unique; every feature a group names is one of the
 * model's features; a feature is in at most one group (in two it would be counted twice, and the
 * shares of the emitted reasons would no longer add up to at most the explained change).
 *
 * <p>Features in no group are never a reason on their own: adverse-action practice draws reasons
 * from a fixed code table, so inventing a code per feature would leak model internals into the
 * vocabulary analysts and regulators see. Their summed attribution is still reported as {@link
 * ReasonCodes#uncodedContribution()} so that a large driver outside the table does not go unseen.
 */
public final class ReasonCodeTable {
  /** Default number of reasons: adverse-action practice gives up to 4 principal reasons. */
  public static final int DEFAULT_REASON_COUNT = 4;

  private final List<ReasonGroup> groups;
  private final int reasonCount;
  private final int featureCount;

  /** Per feature index, the index of its group in {@link #groups}, or -1 when ungrouped. */
  private final int[] groupOfFeature;

  private ReasonCodeTable(
      List<ReasonGroup> groups, int reasonCount, int featureCount, int[] groupOfFeature) {
    this.groups = groups;
    this.reasonCount = reasonCount;
    this.featureCount = featureCount;
    this.groupOfFeature = groupOfFeature;
  }

  /**
   * Binds a table to a model's features.
   *
   * @param groups the table's rows, at least one
   * @param reasonCount k, the most reasons emitted per alert, at least 1
   * @param featureNames the model's features, in attribution order
   * @throws IllegalArgumentException when a rule above is broken; the message says which
   */
  public static ReasonCodeTable bind(
      List<ReasonGroup> groups, int reasonCount, List<String> featureNames) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a reason-code table needs at least one group");
    }
    if (reasonCount < 1) {
      throw new IllegalArgumentException("the reason count must be at least 1, got " + reasonCount);
    }
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < featureNames.size(); i++) {
      indexOf.putIfAbsent(featureNames.get(i), i);
    }
    int[] groupOfFeature = new int[featureNames.size()];
    Arrays.fill(groupOfFeature, -1);
    Set<String> codes = new HashSet<>();
    for (int g = 0; g < groups.size(); g++) {
      ReasonGroup group = groups.get(g);
      if (!codes.add(group.code())) {
        throw new IllegalArgumentException("reason code " + group.code() + " appears twice");
      }
      for (String feature : group.features()) {
        Integer index = indexOf.get(feature);
        if (index == null) {
          throw new IllegalArgumentException(
              "reason code " + group.code() + " names unknown feature '" + feature + "'");
        }
        if (groupOfFeature[index] >= 0) {
          throw new IllegalArgumentException(
              "feature '"
                  + feature
                  + "' is in reason codes "
                  + groups.get(groupOfFeature[index]).code()
                  + " and "
                  + group.code()
                  + "; a feature may be in one group only");
        }
        groupOfFeature[index] = g;
      }
    }
    return new ReasonCodeTable(
        List.copyOf(groups), reasonCount, featureNames.size(), groupOfFeature);
  }

  public List<ReasonGroup> groups() {
    return groups;
  }

  /** k: the most reasons emitted per alert. */
  public int reasonCount() {
    return reasonCount;
  }

  /** How many attributions an event of this model carries. */
  public int featureCount() {
    return featureCount;
  }

  /** The index in {@link #groups()} of a feature's group, or -1 when the feature is ungrouped. */
  int groupOf(int featureIndex) {
    return groupOfFeature[featureIndex];
  }
}
