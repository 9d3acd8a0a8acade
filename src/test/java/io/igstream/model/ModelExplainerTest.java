package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudPattern;
import io.igstream.synth.FraudTransactions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's options reach the engine and the model: baselines, targets, layers, smoothing. */
class ModelExplainerTest {
  @TempDir static Path dir;
  private static Path model;
  private static ModelSpec spec;
  private static List<InputEvent> events;

  @BeforeAll
  static void trainASmallFraudModel() throws IOException {
    model = dir.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(3).withSizes(4000, 1000, 3));
    spec = ModelSpecReader.forModel(model, Optional.empty());
    FraudTransactions transactions = new FraudTransactions(5);
    events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      FraudPattern pattern = i % 2 == 0 ? FraudPattern.ACCOUNT_TAKEOVER : FraudPattern.LEGIT;
      events.add(InputEvent.of("e" + i, transactions.next(pattern).features()));
    }
  }

  @Test
  void shouldAttributeToAHiddenLayerWithCompleteness() {
    List<ExplainedEvent> inputSpace = explain(spec);
    List<ExplainedEvent> layer = explain(spec.withLayer("dense_1"));
    for (int i = 0; i < events.size(); i++) {
      ExplainedEvent e = layer.get(i);
      assertEquals(64, e.attributions().length, "one attribution per unit of dense_1");
      assertTrue(e.featureNames().get(0).startsWith("dense_1"), e.featureNames().get(0));
      assertEquals(inputSpace.get(i).prediction(), e.prediction(), 1e-5, "same F(x)");
      assertEquals(inputSpace.get(i).baselinePrediction(), e.baselinePrediction(), 1e-5);
      double sum = 0;
      for (double a : e.attributions()) {
        sum += a;
      }
      assertEquals(e.prediction() - e.baselinePrediction(), sum, 0.005 + 1e-6);
    }
  }

  @Test
  void shouldUseAPerEventBaselineAndSayIt() {
    InputEvent reference = events.get(1);
    InputEvent withBaseline =
        new InputEvent(
            "own", events.get(0).features(), Optional.empty(), Optional.of(reference.features()));
    ExplainedEvent e = explain(spec, List.of(withBaseline)).get(0);
    ExplainedEvent f = explain(spec).get(1);
    assertEquals("per-event", e.baseline());
    assertEquals(f.prediction(), e.baselinePrediction(), 1e-6, "F(x') is F at the own baseline");
  }

  @Test
  void shouldAverageExpectedIgOverSeveralBaselines() {
    double[] a = events.get(1).features();
    double[] b = events.get(3).features();
    ModelSpec expected =
        spec.withBaseline(new ModelSpec.BaselineSpec("expected", 0, List.of(a, b)));
    List<ExplainedEvent> out = explain(expected);
    List<ExplainedEvent> single = explain(spec);
    double meanBaselineF = (single.get(1).prediction() + single.get(3).prediction()) / 2;
    assertEquals("expected(2 baselines)", out.get(0).baseline());
    assertEquals(meanBaselineF, out.get(0).baselinePrediction(), 1e-6);
  }

  @Test
  void shouldExplainTheLogitWhenAsked() {
    List<ExplainedEvent> probability = explain(spec);
    List<ExplainedEvent> logit =
        explain(spec.withTarget(new ModelSpec.TargetSpec(0, Optional.empty(), true)));
    for (int i = 0; i < events.size(); i++) {
      double p = probability.get(i).prediction();
      assertEquals(Math.log(p / (1 - p)), logit.get(i).prediction(), 1e-3 * (1 + Math.abs(p)));
      assertEquals("logit[0]", logit.get(i).target());
    }
  }

  @Test
  void shouldSmoothReproduciblyWithASeed() {
    ModelSpec smooth = spec.withSmoothing(new ModelSpec.SmoothingSpec("smoothgrad", 4, 0.1, 9));
    ExplainedEvent first = explain(smooth).get(0);
    ExplainedEvent again = explain(smooth).get(0);
    ExplainedEvent plain = explain(spec).get(0);
    assertArrayEquals(first.attributions(), again.attributions(), 0.0);
    assertNotEquals(plain.attributions()[0], first.attributions()[0]);
    assertTrue(first.method().startsWith("smoothgrad"), first.method());
  }

  @Test
  void shouldRefuseAnEventWithTheWrongFeatureCount() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> explain(spec, List.of(InputEvent.of("short", new double[3]))));
    assertTrue(e.getMessage().contains("'short' has 3 features"), e.getMessage());
  }

  private static List<ExplainedEvent> explain(ModelSpec s) {
    return explain(s, events);
  }

  private static List<ExplainedEvent> explain(ModelSpec s, List<InputEvent> batch) {
    try (ModelExplainer explainer = ModelExplainer.open(model, s)) {
      return explainer.explain(batch);
    }
  }
}
