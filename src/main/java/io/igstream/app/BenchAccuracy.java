package io.igstream.app;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudTransactions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The accuracy half of {@code bench}, on the demo model and its synthetic events: model evaluations
 * per event, events/s and the error of fixed 50-step Gauss&ndash;Legendre, of the adaptive method
 * and of the default method (exact piecewise on this ReLU model), against a high-accuracy adaptive
 * reference. Evaluations count every point the model ran, forward-only breakpoint evaluations of
 * the exact method included.
 */
final class BenchAccuracy {
  static final double REFERENCE_TOLERANCE = 1e-4;
  static final int REFERENCE_BUDGET = 5_000;

  /** Quantiles p50 / p95 / max. */
  record Quantiles(double p50, double p95, double max) {
    static Quantiles of(double[] values) {
      double[] s = values.clone();
      Arrays.sort(s);
      return new Quantiles(at(s, 0.5), at(s, 0.95), s[s.length - 1]);
    }

    private static double at(double[] sorted, double q) {
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
  }

  /** One method's numbers. */
  record Row(
      String method,
      double evaluationsPerEvent,
      Quantiles evaluations,
      Quantiles completeness,
      Quantiles l1VsReference,
      double eventsPerSecond) {}

  record Result(int events, Row gl50, Row adaptive, Row defaults, Row reference) {
    /** Evaluations per event of the default method divided by those of fixed GL50. */
    double adaptiveEvalRatio() {
      return defaults.evaluationsPerEvent() / gl50.evaluationsPerEvent();
    }
  }

  private BenchAccuracy() {}

  static Result run(Path modelDir, int eventCount) {
    ModelSpec spec = ModelSpecReader.forModel(modelDir, Optional.empty());
    List<InputEvent> events = new ArrayList<>(eventCount);
    FraudTransactions transactions = new FraudTransactions(DemoModel.SEED + 1);
    for (int i = 0; i < eventCount; i++) {
      events.add(InputEvent.of("demo-" + i, transactions.next().features()));
    }
    ModelSpec adaptive = spec.withMethod("adaptive", spec.steps());
    Run reference =
        explain(
            modelDir, adaptive.withTolerances(REFERENCE_TOLERANCE, 0, REFERENCE_BUDGET), events);
    Run gl50 = explain(modelDir, spec.withMethod("gausslegendre", 50), events);
    Run adaptiveRun = explain(modelDir, adaptive, events);
    Run defaults = explain(modelDir, spec, events);
    String referenceName =
        "adaptive tol " + REFERENCE_TOLERANCE + " budget " + REFERENCE_BUDGET + " (reference)";
    return new Result(
        eventCount,
        row("gausslegendre 50", gl50, reference),
        row("adaptive (tol " + spec.tolerance() + ")", adaptiveRun, reference),
        row("default (" + defaults.method() + ")", defaults, reference),
        row(referenceName, reference, reference));
  }

  /** The explained events, the method that ran and the explain time (model loading excluded). */
  private record Run(List<ExplainedEvent> events, String method, double seconds) {}

  private static Run explain(Path dir, ModelSpec spec, List<InputEvent> events) {
    try (ModelExplainer explainer = ModelExplainer.open(dir, spec)) {
      List<ExplainedEvent> out = new ArrayList<>(events.size());
      long start = System.nanoTime();
      for (int from = 0; from < events.size(); from += 256) {
        out.addAll(explainer.explain(events.subList(from, Math.min(events.size(), from + 256))));
      }
      return new Run(out, explainer.integrationMethod(), (System.nanoTime() - start) / 1e9);
    }
  }

  private static Row row(String name, Run measured, Run referenceRun) {
    List<ExplainedEvent> run = measured.events();
    List<ExplainedEvent> reference = referenceRun.events();
    int n = run.size();
    double[] steps = new double[n];
    double[] completeness = new double[n];
    double[] l1 = new double[n];
    double totalSteps = 0;
    for (int i = 0; i < n; i++) {
      ExplainedEvent e = run.get(i);
      steps[i] = e.steps();
      totalSteps += e.steps();
      completeness[i] = Math.abs(e.completenessError());
      double[] a = e.attributions();
      double[] r = reference.get(i).attributions();
      for (int j = 0; j < a.length; j++) {
        l1[i] += Math.abs(a[j] - r[j]);
      }
    }
    return new Row(
        name,
        totalSteps / n,
        Quantiles.of(steps),
        Quantiles.of(completeness),
        Quantiles.of(l1),
        n / measured.seconds());
  }
}
