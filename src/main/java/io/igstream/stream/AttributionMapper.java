package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ExplainedEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;

/** Fills every {@code AttributionEvent} field from the explanation and the prediction event. */
final class AttributionMapper {
  private AttributionMapper() {}

  /**
   * @param explained what the model computed
   * @param event the prediction event as read
   * @param source the buffered record (key, arrival time)
   * @param nowMillis wall clock at flush: {@code explainedAt}, and the end of {@code explainMillis}
   * @param degraded why the event was explained in a degraded way; null when it was not
   */
  static AttributionEvent toAttribution(
      ExplainedEvent explained,
      PredictionEvent event,
      BufferedRecord source,
      long nowMillis,
      String degraded) {
    List<Double> attributions = new ArrayList<>(explained.attributions().length);
    for (double a : explained.attributions()) {
      attributions.add(a);
    }
    return AttributionEvent.newBuilder()
        .setId(event.getId())
        .setKey(keyText(source.key()))
        .setModel(explained.model())
        .setModelVersion(explained.modelVersion().orElse(null))
        .setFeatureNames(List.copyOf(explained.featureNames()))
        .setAttributions(attributions)
        .setPrediction(explained.prediction())
        .setBaselinePrediction(explained.baselinePrediction())
        .setCompletenessError(explained.completenessError())
        .setRelativeCompletenessError(explained.relativeCompletenessError())
        .setToleranceMet(explained.toleranceMet())
        .setSteps(explained.steps())
        .setMethod(explained.method())
        .setBaseline(explained.baseline())
        .setTarget(explained.target())
        .setScore(event.getScore())
        .setScoreDifference(explained.scoreDifference().orElse(null))
        .setEventTime(event.getEventTime())
        .setExplainedAt(Instant.ofEpochMilli(nowMillis))
        .setExplainMillis((double) Math.max(0, nowMillis - source.arrivalMillis()))
        .setAttributes(new LinkedHashMap<>(event.getAttributes()))
        .setDegraded(degraded)
        .build();
  }

  /**
   * The record key as text: UTF-8 when it is valid UTF-8 (the usual string key), otherwise {@code
   * base64:} and the Base64 of the bytes (e.g. an Avro key), so no key is mangled silently.
   */
  static String keyText(byte[] key) {
    if (key == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      return "base64:" + Base64.getEncoder().encodeToString(key);
    }
  }
}
