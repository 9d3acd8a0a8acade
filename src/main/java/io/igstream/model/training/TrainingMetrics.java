package io.igstream.model.training;

import java.nio.file.Path;

/**
 * What a training run produced and how well it did; also written to {@code training.json}.
 *
 * @param config the settings of the run
 * @param parameterCount trainable parameters of the network
 * @param trainFraudRate measured share of fraud in the training data
 * @param holdoutFraudRate measured share of fraud in the holdout data
 * @param finalTrainLoss mean binary cross-entropy over the last epoch
 * @param holdoutAuc ROC AUC of the exported model's probabilities on the holdout data
 * @param trainingMillis wall time of data generation, training and export
 * @param modelDir where the SavedModel and its spec now live
 * @param modelBytes total size of the files in {@code modelDir}
 */
public record TrainingMetrics(
    TrainingConfig config,
    int parameterCount,
    double trainFraudRate,
    double holdoutFraudRate,
    double finalTrainLoss,
    double holdoutAuc,
    long trainingMillis,
    Path modelDir,
    long modelBytes) {

  /** The same metrics with the size of the finished model directory. */
  public TrainingMetrics withModelBytes(long bytes) {
    return new TrainingMetrics(
        config,
        parameterCount,
        trainFraudRate,
        holdoutFraudRate,
        finalTrainLoss,
        holdoutAuc,
        trainingMillis,
        modelDir,
        bytes);
  }
}
