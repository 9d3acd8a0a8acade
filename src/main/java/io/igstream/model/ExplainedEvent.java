package io.igstream.model;

import java.util.List;
import java.util.Optional;

/**
 * An explained event with everything an auditor needs: the attributions and how exact they are.
 * Field names are those of the {@code AttributionEvent} schema and of {@code explain}'s output.
 *
 * @param id the event id
 * @param model model name
 * @param modelVersion model version, when the spec gives one
 * @param featureNames one name per attribution
 * @param attributions IG attribution per feature, same order as the input features
 * @param prediction F(x), recomputed by the model
 * @param baselinePrediction F(x&prime;) (mean over baselines for expected IG)
 * @param completenessError signed {@code sum(attributions) - (F(x) - F(x'))}
 * @param relativeCompletenessError {@code completenessError / |F(x) - F(x')|} (see engine docs)
 * @param toleranceMet whether |completenessError| met the tolerance
 * @param steps gradient evaluations spent on the event
 * @param method the integration method that ran
 * @param baseline a description of the baseline used
 * @param target a description of the explained output
 * @param score the live model's score, when the event carried one
 */
public record ExplainedEvent(
    String id,
    String model,
    Optional<String> modelVersion,
    List<String> featureNames,
    double[] attributions,
    double prediction,
    double baselinePrediction,
    double completenessError,
    double relativeCompletenessError,
    boolean toleranceMet,
    int steps,
    String method,
    String baseline,
    String target,
    Optional<Double> score) {

  /** The live score minus the recomputed prediction, when the event carried a score. */
  public Optional<Double> scoreDifference() {
    return score.map(s -> s - prediction);
  }
}
