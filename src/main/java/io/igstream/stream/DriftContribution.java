package io.igstream.stream;

import java.util.List;
import java.util.Optional;

/**
 * One explained event's part of its model's drift profile: what travels through the {@code
 * drift-profiles} repartition topic, keyed by model name (the record timestamp is the event's).
 *
 * @param modelVersion the version that explained it, if known
 * @param featureNames the model's feature names (the order of {@code attributions})
 * @param attributions the event's attributions
 */
record DriftContribution(
    Optional<String> modelVersion, List<String> featureNames, double[] attributions) {
  DriftContribution {
    featureNames = List.copyOf(featureNames);
    if (featureNames.size() != attributions.length) {
      throw new IllegalArgumentException(
          attributions.length + " attributions for " + featureNames.size() + " feature names");
    }
    attributions = attributions.clone();
  }
}
