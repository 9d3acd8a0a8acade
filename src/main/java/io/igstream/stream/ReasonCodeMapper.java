package io.igstream.stream;

import io.igstream.avro.AlertScoreSource;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCode;
import io.igstream.avro.ReasonCodeEvent;
import io.igstream.model.ExplainedEvent;
import io.igstream.reasons.Reason;
import io.igstream.reasons.ReasonCodeTable;
import io.igstream.reasons.ReasonCodes;
import io.igstream.reasons.ReasonRanker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an explained event is an alert and, for alerts of models with a reason-code
 * table, fills a {@code ReasonCodeEvent}.
 *
 * <p>The alert score is the live {@code score} the event carried when present (the score the
 * production system acted on), else the recomputed prediction F(x). An event is an alert when that
 * score is at least the model's {@code alertThreshold} ({@code >=}, as threshold selection). A
 * model without an {@code alertThreshold} has no alerts; a model without a table has alerts but no
 * reason codes.
 */
final class ReasonCodeMapper {
  private ReasonCodeMapper() {}

  /** The alert score: the live score when the event carried one, else the prediction. */
  static double alertScore(ExplainedEvent explained) {
    return explained.score().orElse(explained.prediction());
  }

  /** Whether the event is an alert of its model. */
  static boolean isAlert(ServedModel model, ExplainedEvent explained) {
    return model.alertThreshold().map(t -> alertScore(explained) >= t).orElse(false);
  }

  /** The reason codes of an alert; empty when it is no alert or the model has no table. */
  static Optional<ReasonCodeEvent> toReasonCodes(
      ServedModel model,
      ExplainedEvent explained,
      PredictionEvent event,
      BufferedRecord source,
      long nowMillis) {
    Optional<ReasonCodeTable> table = model.reasonCodes();
    if (table.isEmpty() || !isAlert(model, explained)) {
      return Optional.empty();
    }
    ReasonCodes codes =
        ReasonRanker.rank(
            table.get(),
            explained.attributions(),
            explained.prediction() - explained.baselinePrediction());
    List<ReasonCode> reasons = new ArrayList<>(codes.reasons().size());
    for (Reason r : codes.reasons()) {
      reasons.add(
          ReasonCode.newBuilder()
              .setRank(r.rank())
              .setCode(r.code())
              .setText(r.text())
              .setContribution(r.contribution())
              .setShare(r.share().isPresent() ? r.share().getAsDouble() : null)
              .build());
    }
    return Optional.of(
        ReasonCodeEvent.newBuilder()
            .setId(event.getId())
            .setKey(AttributionMapper.keyText(source.key()))
            .setModel(explained.model())
            .setModelVersion(explained.modelVersion().orElse(null))
            .setScore(explained.score().orElse(null))
            .setPrediction(explained.prediction())
            .setBaselinePrediction(explained.baselinePrediction())
            .setAlertScore(alertScore(explained))
            .setAlertScoreSource(
                explained.score().isPresent()
                    ? AlertScoreSource.SCORE
                    : AlertScoreSource.PREDICTION)
            .setAlertThreshold(model.alertThreshold().orElseThrow())
            .setReasonCount(table.get().reasonCount())
            .setReasons(reasons)
            .setNoReasonExplanation(codes.noReasonExplanation().orElse(null))
            .setCoverage(codes.coverage().isPresent() ? codes.coverage().getAsDouble() : null)
            .setUncodedContribution(codes.uncodedContribution())
            .setCompletenessError(explained.completenessError())
            .setToleranceMet(explained.toleranceMet())
            .setSteps(explained.steps())
            .setMethod(explained.method())
            .setBaseline(explained.baseline())
            .setTarget(explained.target())
            .setEventTime(event.getEventTime())
            .setExplainedAt(Instant.ofEpochMilli(nowMillis))
            .setAttributes(new LinkedHashMap<>(event.getAttributes()))
            .build());
  }
}
