package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ModelExplainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** all / threshold / sample: which events are explained, and that the rest are only counted. */
class SelectionTest {
  private static ModelExplainer model;
  @TempDir Path stateDir;
  private int runs;

  @BeforeAll
  static void openModel() {
    model = FraudModels.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @Test
  void shouldExplainOnlyEventsAtOrAboveTheThresholdAndThoseWithoutAScore() {
    Double[] scores = {0.2, 0.7, null, 0.5, 0.49};
    for (Selection selection : List.of(Selection.threshold(0.5), Selection.modelAlertThreshold())) {
      List<String> explained = run(selection, scored(scores));
      assertEquals(List.of("t-1", "t-2", "t-3"), explained, selection.toString());
    }
  }

  @Test
  void shouldSampleTheSameEventsOnEveryRun() {
    List<PredictionEvent> events = FraudModels.events("s", 40);
    List<String> first = run(Selection.sample(0.3), events);
    List<String> second = run(Selection.sample(0.3), FraudModels.events("s", 40));
    assertEquals(first, second, "a replay selects the same events");
    List<String> expected =
        events.stream()
            .map(PredictionEvent::getId)
            .filter(id -> EventSelector.sampleUnit(id) < 0.3)
            .toList();
    assertEquals(expected, first);
    assertTrue(first.size() > 2 && first.size() < 25, "about 30 % of 40: " + first.size());
  }

  @Test
  void shouldExplainEverythingWithAll() {
    assertEquals(8, run(Selection.all(), FraudModels.events("a", 8)).size());
  }

  @Test
  void shouldHashIdsWithSha256SoOtherLanguagesCanReproduceTheSample() {
    // SHA-256("abc") = ba7816bf 8f01cfea ... (FIPS 180-2, appendix B.1): first 53 bits / 2^53.
    double expected = (0xba7816bf8f01cfeaL >>> 11) / (double) (1L << 53);
    assertEquals(expected, EventSelector.sampleUnit("abc"), 0.0);
    assertEquals(0.7284, EventSelector.sampleUnit("abc"), 1e-4);
  }

  @Test
  void shouldRefuseThresholdSelectionWhenAModelHasNoThreshold() {
    ServedModel noThreshold = new WithoutThreshold(ServedModel.of(model));
    ModelCatalog catalog = ModelCatalog.builder().add(noThreshold).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ExplainerTopology.build(
                    ExplainerStreamConfig.defaults().withSelection(Selection.modelAlertThreshold()),
                    catalog,
                    TopologyHarness.PREDICTIONS,
                    TopologyHarness.ATTRIBUTIONS,
                    new StreamMetrics()));
    assertTrue(e.getMessage().contains(ExplainerStreamConfig.THRESHOLD_CONFIG), e.getMessage());
  }

  private List<String> run(Selection selection, List<PredictionEvent> events) {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults()
            .withSelection(selection)
            .withBatching(8, Duration.ofMillis(100));
    Path dir = stateDir.resolve(Integer.toString(runs++));
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), dir)) {
      events.forEach(h::send);
      h.advanceWallClock(Duration.ofSeconds(1));
      List<String> ids =
          h.attributions.readValuesToList().stream().map(AttributionEvent::getId).toList();
      assertEquals(events.size() - ids.size(), h.metrics.skipped(), "the rest are counted");
      assertEquals(0, h.deadLetters.getQueueSize(), "skipped events are not dead letters");
      return ids;
    }
  }

  private static List<PredictionEvent> scored(Double... scores) {
    List<PredictionEvent> events = new ArrayList<>();
    List<PredictionEvent> base = FraudModels.events("t", scores.length);
    for (int i = 0; i < scores.length; i++) {
      PredictionEvent e = base.get(i);
      e.setScore(scores[i]);
      events.add(e);
    }
    return events;
  }

  private static final class WithoutThreshold extends ForwardingModel {
    WithoutThreshold(ServedModel real) {
      super(real);
    }

    @Override
    public Optional<Double> alertThreshold() {
      return Optional.empty();
    }
  }
}
