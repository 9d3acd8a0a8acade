package io.igstream.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The parameters of {@link FraudNetwork} as flat row-major float arrays, in the order of {@link
 * FraudNetwork#PARAMETER_SHAPES}: kernel 1, bias 1, kernel 2, bias 2, kernel 3, bias 3.
 */
record NetworkWeights(List<float[]> values) {

  NetworkWeights {
    if (values.size() != FraudNetwork.PARAMETER_SHAPES.size()) {
      throw new IllegalArgumentException("Expected 6 parameter arrays, got " + values.size());
    }
    List<float[]> copies = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      long expected = FraudNetwork.PARAMETER_SHAPES.get(i).size();
      if (values.get(i).length != expected) {
        throw new IllegalArgumentException("Parameter " + i + " needs " + expected + " values");
      }
      copies.add(values.get(i).clone());
    }
    values = List.copyOf(copies);
  }

  /** He-normal kernels (suits ReLU) and zero biases, from a seeded {@link Random}. */
  static NetworkWeights initial(long seed) {
    Random random = new Random(seed);
    List<float[]> values = new ArrayList<>();
    for (var shape : FraudNetwork.PARAMETER_SHAPES) {
      float[] value = new float[(int) shape.size()];
      if (shape.numDimensions() == 2) {
        double sd = Math.sqrt(2.0 / shape.get(0));
        for (int i = 0; i < value.length; i++) {
          value[i] = (float) (sd * random.nextGaussian());
        }
      }
      values.add(value);
    }
    return new NetworkWeights(values);
  }

  /** A copy of parameter {@code index}. */
  float[] value(int index) {
    return values.get(index).clone();
  }

  /** The number of parameters. */
  int parameterCount() {
    return values.stream().mapToInt(v -> v.length).sum();
  }
}
