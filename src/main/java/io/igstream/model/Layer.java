package io.igstream.model;

import io.igstream.explain.GradientFunction;
import java.util.List;
import java.util.function.Supplier;

/**
 * An internal tensor {@code h} of a model, for layer Integrated Gradients: its values {@code h(x)}
 * at given inputs, and the gradient of the target with respect to {@code h} obtained by FEEDING
 * {@code h} directly (TensorFlow lets any tensor be fed, which cuts the graph above it).
 */
public final class Layer {
  private final SavedModel model;
  private final String tensorName;
  private final Feed input;
  private final List<Feed> forwardSides;
  private final SideInputs sideValues;
  private final Feed tensor;
  private final Supplier<GradientFunction> gradientBuilder;
  private GradientFunction gradient;

  Layer(
      SavedModel model,
      String tensorName,
      Feed input,
      List<Feed> forwardSides,
      SideInputs sideValues,
      Feed tensor,
      Supplier<GradientFunction> gradientBuilder) {
    this.model = model;
    this.tensorName = tensorName;
    this.input = input;
    this.forwardSides = List.copyOf(forwardSides);
    this.sideValues = sideValues;
    this.tensor = tensor;
    this.gradientBuilder = gradientBuilder;
  }

  /** The graph tensor actually used (after inlining, the copy inside the inlined body). */
  public String tensorName() {
    return tensorName;
  }

  /** Values of {@code h} per point. */
  public int dimension() {
    return tensor.size();
  }

  /** {@code h(x)} for {@code count} input points, row-major {@code count * dimension()}. */
  public double[] activations(double[] inputs, int[] owners, int count) {
    return ForwardRunner.run(
        model,
        "activations of '" + tensorName + "'",
        input,
        forwardSides,
        sideValues,
        tensor,
        inputs,
        owners,
        count);
  }

  /**
   * {@code F(h)} and {@code dF/dh}, feeding {@code h}. Side inputs the target still reads besides
   * {@code h} (possibly the attributed input itself, e.g. through a skip connection) are fed per
   * event from the spec's side inputs.
   */
  public synchronized GradientFunction gradient() {
    if (gradient == null) {
      gradient = gradientBuilder.get();
    }
    return gradient;
  }
}
