package io.igstream.stream;

import io.igstream.avro.DriftEvent;
import io.igstream.drift.AttributionProfile;
import io.igstream.drift.DriftVerdict;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A closed window, its reference and verdict as the {@code DriftEvent} the contract fixes. */
final class DriftEventMapper {
  private DriftEventMapper() {}

  /**
   * @param referenceLabel the reference's label, or {@code none} when the model has none yet
   * @param referenceShare the reference's shares, when it has one over the window's features
   * @param verdict present when the window was judged
   */
  static DriftEvent toEvent(
      String model,
      Optional<String> version,
      long windowStart,
      long windowEnd,
      AttributionProfile window,
      String referenceLabel,
      Optional<double[]> referenceShare,
      Optional<DriftVerdict> verdict,
      int topK) {
    int n = window.featureNames().size();
    double[] nan = new double[n];
    Arrays.fill(nan, Double.NaN);
    DriftEvent.Builder b =
        DriftEvent.newBuilder()
            .setModel(model)
            .setModelVersion(version.orElse(null))
            .setWindowStart(Instant.ofEpochMilli(windowStart))
            .setWindowEnd(Instant.ofEpochMilli(windowEnd))
            .setEvents(window.events())
            .setJudged(verdict.isPresent())
            .setReference(referenceLabel)
            .setFeatureNames(window.featureNames())
            .setMeanAbsAttribution(list(window.meanAbs()))
            .setMeanAttribution(list(window.mean()))
            .setShare(list(window.share()))
            .setReferenceShare(list(referenceShare.orElse(nan)))
            .setTopK(topK);
    if (verdict.isPresent()) {
      DriftVerdict v = verdict.get();
      return b.setShareChange(list(v.shareChange()))
          .setJensenShannon(v.jensenShannon())
          .setNdcgTopK(v.ndcg())
          .setMovedFeatures(v.movedFeatures())
          .setAlert(v.alert())
          .setAlertReasons(v.reasons())
          .build();
    }
    return b.setShareChange(list(nan))
        .setJensenShannon(Double.NaN)
        .setNdcgTopK(Double.NaN)
        .setMovedFeatures(List.of())
        .setAlert(false)
        .setAlertReasons(List.of())
        .build();
  }

  private static List<Double> list(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
