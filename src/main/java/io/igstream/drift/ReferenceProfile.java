package io.igstream.drift;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The profile a model's windows are compared with, and where it came from: a profile file made
 * offline ({@code bin/igstream profile}) or the model's first judged window.
 *
 * <p>File format (JSON, written and read by the app), version {@value #FORMAT_VERSION}:
 *
 * <pre>{@code
 * {"format": "igstream-attribution-profile", "version": 1,
 *  "model": "fraud-demo", "modelVersion": "1", "events": 2000,
 *  "featureNames": ["amount", ...], "meanAbsAttribution": [...], "meanAttribution": [...],
 *  "share": [...]}
 * }</pre>
 *
 * {@code share} is informative: it is recomputed from {@code meanAbsAttribution} on reading.
 *
 * @param model model name
 * @param modelVersion model version the profile was made with, if known
 * @param profile the attributions' profile
 * @param label how a drift event names this reference, e.g. {@code file:/p/ref.json} or {@code
 *     window:2026-11-25T10:00:00Z}
 */
public record ReferenceProfile(
    String model, Optional<String> modelVersion, AttributionProfile profile, String label) {
  public static final String FORMAT = "igstream-attribution-profile";
  public static final int FORMAT_VERSION = 1;

  public ReferenceProfile {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(label, "label");
  }

  /**
   * Checks that the profile was made for these features, in this order.
   *
   * @throws IllegalArgumentException naming the first difference and how to fix it
   */
  public void requireFeatures(String servedModel, List<String> modelFeatures) {
    List<String> mine = profile.featureNames();
    if (mine.equals(modelFeatures)) {
      return;
    }
    String detail;
    if (mine.size() != modelFeatures.size()) {
      detail = mine.size() + " features, the model has " + modelFeatures.size();
    } else {
      int i = 0;
      while (mine.get(i).equals(modelFeatures.get(i))) {
        i++;
      }
      detail =
          "feature "
              + i
              + " is '"
              + mine.get(i)
              + "' but the model's is '"
              + modelFeatures.get(i)
              + "'";
    }
    throw new IllegalArgumentException(
        "reference profile "
            + label
            + " does not fit model "
            + servedModel
            + ": "
            + detail
            + "; make it again with bin/igstream profile --model <that model's directory>");
  }
}
