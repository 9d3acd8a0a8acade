package io.igstream.model.training;

/**
 * Per-feature mean and standard deviation of the training data, baked into the graph as constants
 * so that the model takes raw features. A feature that never varies gets a standard deviation of 1,
 * so it is centred but not blown up.
 */
record Standardization(float[] mean, float[] std) {
  private static final double MIN_STD = 1e-6;

  Standardization {
    mean = mean.clone();
    std = std.clone();
  }

  /** Mean and (population) standard deviation of {@code rows} x {@code columns} row-major data. */
  static Standardization of(float[] data, int rows, int columns) {
    double[] sum = new double[columns];
    double[] sumSquares = new double[columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        double v = data[r * columns + c];
        sum[c] += v;
        sumSquares[c] += v * v;
      }
    }
    float[] mean = new float[columns];
    float[] std = new float[columns];
    for (int c = 0; c < columns; c++) {
      double m = sum[c] / rows;
      double variance = Math.max(0.0, sumSquares[c] / rows - m * m);
      double sd = Math.sqrt(variance);
      mean[c] = (float) m;
      std[c] = (float) (sd < MIN_STD ? 1.0 : sd);
    }
    return new Standardization(mean, std);
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }
}
