package io.igstream.model.training;

import io.igstream.synth.Transaction;
import java.util.List;

/**
 * Transactions as the trainer feeds them: row-major float32 features and 0/1 labels.
 *
 * @param features {@code rows * columns} values
 * @param labels one 0/1 label per row
 */
record LabelledData(float[] features, float[] labels, int rows, int columns) {

  static LabelledData of(List<Transaction> transactions, int columns) {
    int rows = transactions.size();
    float[] features = new float[rows * columns];
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      Transaction t = transactions.get(r);
      double[] row = t.features();
      for (int c = 0; c < columns; c++) {
        features[r * columns + c] = (float) row[c];
      }
      labels[r] = t.fraud() ? 1f : 0f;
    }
    return new LabelledData(features, labels, rows, columns);
  }

  /** Labels as booleans, for AUC. */
  boolean[] positives() {
    boolean[] positives = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      positives[r] = labels[r] > 0.5f;
    }
    return positives;
  }

  /** Share of positive rows. */
  double positiveRate() {
    double sum = 0.0;
    for (float label : labels) {
      sum += label;
    }
    return sum / rows;
  }
}
