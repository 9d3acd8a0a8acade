package io.igstream.model.training;

/**
 * How the demo fraud model is trained. All data come from {@code FraudTransactions(seed)}: the
 * training rows first, then the holdout rows.
 *
 * @param seed drives the data, the weight initialisation and the batch order
 * @param trainSize number of training transactions
 * @param holdoutSize number of holdout transactions (AUC)
 * @param epochs passes over the training data
 * @param batchSize rows per Adam step
 * @param learningRate Adam step size
 * @param fraudRate share of fraud in the generated data; above the streaming default so the
 *     minority class has enough examples
 * @param baselineSamples legitimate transactions averaged into the IG baseline
 */
public record TrainingConfig(
    long seed,
    int trainSize,
    int holdoutSize,
    int epochs,
    int batchSize,
    double learningRate,
    double fraudRate,
    int baselineSamples) {

  public TrainingConfig {
    if (trainSize <= 0 || holdoutSize <= 0 || epochs <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException("Sizes, epochs and batch size must be positive");
    }
    if (!(learningRate > 0.0) || !(fraudRate > 0.0 && fraudRate < 1.0) || baselineSamples <= 0) {
      throw new IllegalArgumentException("Invalid learning rate, fraud rate or baseline samples");
    }
  }

  /** The demo model: 30 000 training and 10 000 holdout transactions, 5 % fraud, 10 epochs. */
  public static TrainingConfig defaults(long seed) {
    return new TrainingConfig(seed, 30_000, 10_000, 10, 256, 0.002, 0.05, 20_000);
  }

  /** The same settings with other data sizes and epochs (tests train smaller models). */
  public TrainingConfig withSizes(int newTrainSize, int newHoldoutSize, int newEpochs) {
    return new TrainingConfig(
        seed,
        newTrainSize,
        newHoldoutSize,
        newEpochs,
        batchSize,
        learningRate,
        fraudRate,
        baselineSamples);
  }
}
