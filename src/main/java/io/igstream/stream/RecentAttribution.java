package io.igstream.stream;

import java.util.List;

/**
 * One explained event as the dashboard shows it: what was explained, how exactly, and the
 * attribution per feature. A view kept in the topology's bounded recent store, not the record of
 * truth (that is the attributions topic).
 *
 * @param instanceSeq position in its task's recent ring (newer is larger), for ordering ties
 * @param modelVersion null when the model has no version
 * @param eventTimeMillis the prediction's event time, or -1 when it had none
 * @param score the live score, or null when the event carried none
 * @param features the raw input values, same order as {@code featureNames} (the dashboard hides
 *     them unless configured to show them)
 */
public record RecentAttribution(
    long instanceSeq,
    String id,
    String model,
    String modelVersion,
    long eventTimeMillis,
    long explainedAtMillis,
    double prediction,
    double baselinePrediction,
    double completenessError,
    boolean toleranceMet,
    int steps,
    String method,
    Double score,
    boolean alert,
    List<String> featureNames,
    double[] attributions,
    double[] features) {}
