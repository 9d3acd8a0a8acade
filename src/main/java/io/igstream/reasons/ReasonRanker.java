package io.igstream.reasons;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns one alert's Integrated Gradients attributions into its principal reasons.
 *
 * <h2>Ranking rules</h2>
 *
 * <ol>
 *   <li><b>Grouping.</b> A group's contribution is the plain sum of its features' attributions (IG
 *       is additive, so the sum is the group's share of F(x) &minus; F(x&prime;)).
 *   <li><b>Direction.</b> An alert is a HIGH score, so only groups with a contribution above {@link
 *       #EPSILON} push toward it and can be reasons. Groups that lower the score, or move it by no
 *       more than {@code EPSILON}, are never reasons.
 *   <li><b>Order.</b> Largest contribution first.
 *   <li><b>Ties.</b> Contributions within {@link #EPSILON} of each other are tied; tied groups are
 *       ordered by code (ascending, {@link String#compareTo}). To keep the rule well defined for
 *       chains of near-equal values, a tie cluster starts at the largest contribution not yet
 *       placed and takes every remaining group within {@code EPSILON} of it. The result does not
 *       depend on the order of the table's rows. A tie at the k-th place is cut by the same rule.
 *   <li><b>Cut.</b> The first k ({@link ReasonCodeTable#reasonCount()}) are emitted; fewer when
 *       fewer groups push toward the alert.
 *   <li><b>No reason.</b> When no group pushes toward the alert, the list is empty and {@link
 *       ReasonCodes#noReasonExplanation()} says so; a reason is never made up.
 *   <li><b>Shares.</b> A reason's share is its contribution divided by ΔF = F(x) &minus;
 *       F(x&prime;); coverage is the emitted contributions' sum divided by ΔF. Both are empty when
 *       ΔF is not above {@code EPSILON} (then the baseline scores at least as high as the event and
 *       no share of the change is meaningful).
 * </ol>
 */
public final class ReasonRanker {
  /** Contributions (and ΔF) at most this far apart are equal; at most this large are zero. */
  public static final double EPSILON = 1e-12;

  private ReasonRanker() {}

  private record Candidate(ReasonGroup group, double contribution) {}

  /**
   * The principal reasons of one alert.
   *
   * @param table the model's bound code table
   * @param attributions one attribution per feature, in the table's feature order
   * @param predictionDelta F(x) &minus; F(x&prime;)
   * @throws IllegalArgumentException when the attribution count does not match the table
   */
  public static ReasonCodes rank(
      ReasonCodeTable table, double[] attributions, double predictionDelta) {
    if (attributions.length != table.featureCount()) {
      throw new IllegalArgumentException(
          "expected "
              + table.featureCount()
              + " attributions for the reason-code table, got "
              + attributions.length);
    }
    List<ReasonGroup> groups = table.groups();
    double[] sums = new double[groups.size()];
    double uncoded = 0;
    for (int i = 0; i < attributions.length; i++) {
      int g = table.groupOf(i);
      if (g < 0) {
        uncoded += attributions[i];
      } else {
        sums[g] += attributions[i];
      }
    }
    List<Candidate> towardAlert = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (sums[g] > EPSILON) {
        towardAlert.add(new Candidate(groups.get(g), sums[g]));
      }
    }
    List<Candidate> ordered = order(towardAlert);
    boolean shareDefined = predictionDelta > EPSILON;
    List<Reason> reasons = new ArrayList<>();
    double emitted = 0;
    for (Candidate c : ordered.subList(0, Math.min(table.reasonCount(), ordered.size()))) {
      emitted += c.contribution();
      reasons.add(
          new Reason(
              reasons.size() + 1,
              c.group().code(),
              c.group().text(),
              c.contribution(),
              shareDefined
                  ? OptionalDouble.of(c.contribution() / predictionDelta)
                  : OptionalDouble.empty()));
    }
    OptionalDouble coverage =
        shareDefined ? OptionalDouble.of(emitted / predictionDelta) : OptionalDouble.empty();
    Optional<String> why =
        reasons.isEmpty()
            ? Optional.of(
                "no reason-code group pushes the score toward the alert (every group's"
                    + " contribution is <= "
                    + EPSILON
                    + ")")
            : Optional.empty();
    return new ReasonCodes(reasons, predictionDelta, coverage, uncoded, why);
  }

  /** Descending contribution; tie clusters (see the class comment) ordered by code. */
  private static List<Candidate> order(List<Candidate> candidates) {
    List<Candidate> byContribution = new ArrayList<>(candidates);
    byContribution.sort(
        Comparator.comparingDouble(Candidate::contribution)
            .reversed()
            .thenComparing(c -> c.group().code()));
    List<Candidate> out = new ArrayList<>(byContribution.size());
    int start = 0;
    while (start < byContribution.size()) {
      double top = byContribution.get(start).contribution();
      int end = start + 1;
      while (end < byContribution.size()
          && top - byContribution.get(end).contribution() <= EPSILON) {
        end++;
      }
      List<Candidate> cluster = new ArrayList<>(byContribution.subList(start, end));
      cluster.sort(Comparator.comparing(c -> c.group().code()));
      out.addAll(cluster);
      start = end;
    }
    return out;
  }
}
