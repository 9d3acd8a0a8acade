package io.igstream.app;

import io.igstream.model.ModelExplainer;
import io.igstream.model.ProbeResult;
import io.igstream.model.SavedModel;
import io.igstream.model.SignatureInfo;
import io.igstream.model.TensorInfo;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code igstream inspect}: signatures, tensors and whether the gradient runs. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Shows a SavedModel's signatures and whether the gradient runs for each.",
      "Prints input/output keys, tensor names, dtypes and shapes, whether the gradient RUNS",
      "for each signature (after inlining Keras function calls), and the spec in effect."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin ModelOptions model;

  @Override
  public Integer call() {
    Path dir = model.resolveDirectory();
    ModelSpec spec = ModelSpecReader.forModel(dir, model.spec);
    PrintWriter out = command.commandLine().getOut();
    out.println("model " + dir.toAbsolutePath().normalize() + " (tag '" + spec.tag() + "')");
    boolean anyOk = false;
    try (SavedModel saved = SavedModel.load(dir, spec.tag())) {
      for (SignatureInfo s : saved.signatures()) {
        out.println();
        out.println("signature '" + s.key() + "'" + (s.key().equals(spec.signature()) ? " *" : ""));
        for (TensorInfo t : s.inputs()) {
          out.println("  input  " + describe(t));
        }
        for (TensorInfo t : s.outputs()) {
          out.println("  output " + describe(t));
        }
        ProbeResult probe = saved.probe(s.key());
        anyOk |= probe.ok();
        out.println("  gradient: " + (probe.ok() ? "runs" : "does not run: " + probe.message()));
      }
    }
    out.println();
    out.println(
        "spec: signature '"
            + spec.signature()
            + "' (marked *), method "
            + spec.method()
            + ", tolerance "
            + spec.tolerance()
            + " / rel "
            + spec.relTolerance()
            + ", max steps "
            + spec.maxSteps()
            + ", baseline "
            + spec.baseline().kind()
            + ", target "
            + spec.target().describe()
            + (spec.features().isEmpty() ? "" : ", " + spec.features().size() + " named features"));
    if (anyOk) {
      out.println("method that runs: " + methodThatRuns(dir, spec));
    }
    return anyOk ? 0 : 1;
  }

  /** What {@code auto} resolves to on this model, and why exact is not available when it is not. */
  private static String methodThatRuns(Path dir, ModelSpec spec) {
    try (ModelExplainer explainer = ModelExplainer.open(dir, spec)) {
      return explainer.integrationMethod()
          + explainer
              .exactUnavailableReason()
              .map(why -> " (exact_piecewise not available: " + why + ")")
              .orElse("");
    } catch (RuntimeException e) {
      return "none: the spec cannot be explained (" + e.getMessage() + ")";
    }
  }

  private static String describe(TensorInfo t) {
    return String.format(
        "%-20s tensor %-40s %-9s shape %s",
        t.key(), t.tensorName(), t.dtype(), t.shape() == null ? "unknown" : t.shape());
  }
}
