package io.igstream.stream;

import java.util.List;

/**
 * One closed drift window of one model, as read from the drift topic ({@code DriftEvent}); the
 * per-feature arrays follow {@code featureNames}. Distances are NaN when the window was not judged.
 */
public record DriftWindow(
    String model,
    String modelVersion,
    long windowStartMillis,
    long windowEndMillis,
    long events,
    boolean judged,
    String reference,
    List<String> featureNames,
    double[] share,
    double[] referenceShare,
    double[] shareChange,
    double jensenShannon,
    int topK,
    double ndcgTopK,
    List<String> movedFeatures,
    boolean alert,
    List<String> alertReasons) {}
