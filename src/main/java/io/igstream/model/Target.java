package io.igstream.model;

import java.util.OptionalInt;

/**
 * Which scalar of a model output to explain, chosen BEFORE differentiating: the gradient of the sum
 * of a softmax is zero, so a multi-column output must be narrowed to one column first.
 *
 * @param column the output column (0 for an output of shape [-1], [-1,1] or [])
 * @param minusColumn if present, the column subtracted from {@code column} (e.g. "class A versus
 *     class B")
 * @param logit explain the input of the output's Sigmoid/Softmax instead of the probability
 */
public record Target(int column, OptionalInt minusColumn, boolean logit) {

  /** Column 0 of the probability/value: the usual single-output regression or binary model. */
  public static final Target DEFAULT = new Target(0, OptionalInt.empty(), false);

  public Target {
    if (column < 0) {
      throw new ModelException("target column must be >= 0, got " + column);
    }
    if (minusColumn.isPresent() && minusColumn.getAsInt() < 0) {
      throw new ModelException("target minus-column must be >= 0, got " + minusColumn.getAsInt());
    }
  }

  public static Target column(int column) {
    return new Target(column, OptionalInt.empty(), false);
  }

  public static Target difference(int column, int minusColumn) {
    return new Target(column, OptionalInt.of(minusColumn), false);
  }

  /** The same columns, taken on the logit (the input of the final Sigmoid or Softmax). */
  public Target onLogit() {
    return new Target(column, minusColumn, true);
  }

  @Override
  public String toString() {
    String cols =
        minusColumn.isPresent()
            ? "column " + column + " minus column " + minusColumn.getAsInt()
            : "column " + column;
    return (logit ? "logit " : "") + cols;
  }
}
