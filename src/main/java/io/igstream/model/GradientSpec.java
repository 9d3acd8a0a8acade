package io.igstream.model;

import java.util.Objects;

/**
 * What to differentiate: {@code target(signature.output(output))} with respect to {@code
 * signature.input(input)}, the other inputs fed from {@code sideInputs}. A {@code null} input or
 * output means "the only float input" / "the only output" of the signature.
 */
public record GradientSpec(
    String signature, String input, String output, Target target, SideInputs sideInputs) {

  public static final String DEFAULT_SIGNATURE = "serving_default";

  public GradientSpec {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sideInputs, "sideInputs");
  }

  /** The only float input and only output of {@code signature}, column 0, no side inputs. */
  public static GradientSpec of(String signature) {
    return new GradientSpec(signature, null, null, Target.DEFAULT, SideInputs.none());
  }

  public GradientSpec withInput(String newInput) {
    return new GradientSpec(signature, newInput, output, target, sideInputs);
  }

  public GradientSpec withOutput(String newOutput) {
    return new GradientSpec(signature, input, newOutput, target, sideInputs);
  }

  public GradientSpec withTarget(Target newTarget) {
    return new GradientSpec(signature, input, output, newTarget, sideInputs);
  }

  public GradientSpec withSideInputs(SideInputs newSideInputs) {
    return new GradientSpec(signature, input, output, target, newSideInputs);
  }
}
