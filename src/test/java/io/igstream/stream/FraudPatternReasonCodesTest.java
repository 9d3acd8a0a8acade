package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.ReasonCode;
import io.igstream.avro.ReasonCodeEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ReasonCodesSpec;
import io.igstream.synth.FraudPattern;
import io.igstream.synth.FraudTransactions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo fraud model's reason codes through the real topology: each alert's reasons agree with
 * its own attributions, and a fraud pattern's alerts name the groups the pattern is made of.
 */
class FraudPatternReasonCodesTest {
  private static final int EVENTS = 40;
  private static ModelExplainer model;
  @TempDir Path stateDir;

  @BeforeAll
  static void openModel() {
    model = FraudModels.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  /** Alerts among {@code EVENTS} transactions of a pattern, each with its attribution. */
  private Map<ReasonCodeEvent, AttributionEvent> alerts(FraudPattern pattern) {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(EVENTS, Duration.ofSeconds(1));
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      FraudTransactions transactions = new FraudTransactions(7);
      for (int i = 0; i < EVENTS; i++) {
        h.send(FraudModels.event(pattern + "-" + i, transactions.next(pattern).features()));
      }
      Map<String, AttributionEvent> byId =
          h.attributions.readValuesToList().stream()
              .collect(Collectors.toMap(AttributionEvent::getId, Function.identity()));
      Map<ReasonCodeEvent, AttributionEvent> out = new HashMap<>();
      for (ReasonCodeEvent r : h.reasonCodes.readValuesToList()) {
        out.put(r, byId.get(r.getId()));
      }
      assertEquals(out.size(), h.metrics.alerts(), "every alert of a model with a table is coded");
      return out;
    }
  }

  private static List<String> codes(ReasonCodeEvent r) {
    return r.getReasons().stream().map(ReasonCode::getCode).toList();
  }

  @Test
  void shouldRankEachAlertsGroupsFromItsOwnAttributions() {
    ReasonCodesSpec table = FraudModels.spec().reasonCodes();
    Map<ReasonCodeEvent, AttributionEvent> alerts = alerts(FraudPattern.ACCOUNT_TAKEOVER);
    assertTrue(alerts.size() >= 10, "alerts: " + alerts.size());
    for (Map.Entry<ReasonCodeEvent, AttributionEvent> e : alerts.entrySet()) {
      AttributionEvent a = e.getValue();
      Map<String, Double> sums = new HashMap<>();
      for (ReasonCodesSpec.Group g : table.groups()) {
        double sum = 0;
        for (String f : g.features()) {
          sum += a.getAttributions().get(a.getFeatureNames().indexOf(f));
        }
        sums.put(g.code(), sum);
      }
      List<String> expected =
          sums.entrySet().stream()
              .filter(s -> s.getValue() > 0)
              .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
              .limit(4)
              .map(Map.Entry::getKey)
              .toList();
      ReasonCodeEvent r = e.getKey();
      assertEquals(expected, codes(r), r.getId());
      double delta = a.getPrediction() - a.getBaselinePrediction();
      double covered = 0;
      for (ReasonCode c : r.getReasons()) {
        assertEquals(sums.get(c.getCode()), c.getContribution(), 1e-12);
        assertEquals(c.getContribution() / delta, c.getShare(), 1e-12);
        covered += c.getContribution();
      }
      assertEquals(covered / delta, r.getCoverage(), 1e-12);
      assertTrue(r.getAlertScore() >= 0.5);
    }
  }

  @Test
  void shouldNameDeviceAuthOrIpForAccountTakeoverAlerts() {
    // Account takeover = a new device, failed logins / password reset, a risky IP or proxy.
    Set<String> takeoverSignals = Set.of("R04", "R06", "R08");
    Map<ReasonCodeEvent, AttributionEvent> alerts = alerts(FraudPattern.ACCOUNT_TAKEOVER);
    long named =
        alerts.keySet().stream()
            .filter(r -> codes(r).stream().anyMatch(takeoverSignals::contains))
            .count();
    assertTrue(named >= 0.9 * alerts.size(), named + " of " + alerts.size());
    Map<String, Long> firsts = firstCodes(alerts.keySet());
    assertEquals("R06", mostFrequent(firsts), "first reasons: " + firsts);
  }

  @Test
  void shouldPutGeoFirstForImpossibleTravelAlerts() {
    Map<String, Long> firsts = firstCodes(alerts(FraudPattern.IMPOSSIBLE_TRAVEL).keySet());
    long total = firsts.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(total >= 10, "alerts: " + total);
    assertTrue(firsts.getOrDefault("R05", 0L) >= 0.9 * total, "first reasons: " + firsts);
  }

  @Test
  void shouldRaiseNoAlertOnLegitimateTraffic() {
    assertTrue(alerts(FraudPattern.LEGIT).isEmpty());
  }

  @Test
  void shouldRefuseAtLoadATableNamingAFeatureTheModelDoesNotHave() {
    // Without "features" in the spec the reader cannot check names; the model's f0..f29 can.
    ModelSpec s = FraudModels.spec();
    ModelSpec unnamed =
        new ModelSpec(
            s.name(),
            s.version(),
            s.tag(),
            s.signature(),
            s.input(),
            s.output(),
            List.of(),
            s.target(),
            s.baseline(),
            s.method(),
            s.steps(),
            s.tolerance(),
            s.relTolerance(),
            s.maxSteps(),
            s.sideInputs(),
            s.smoothing(),
            s.layer(),
            s.alertThreshold(),
            s.reasonCodes());
    try (ModelExplainer m = ModelExplainer.open(FraudModels.directory(), unnamed)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ServedModel.of(m));
      assertTrue(e.getMessage().contains("names unknown feature 'amount'"), e.getMessage());
    }
  }

  private static Map<String, Long> firstCodes(Iterable<ReasonCodeEvent> alerts) {
    List<String> firsts = new ArrayList<>();
    alerts.forEach(r -> firsts.add(r.getReasons().isEmpty() ? "-" : codes(r).get(0)));
    return firsts.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
  }

  private static String mostFrequent(Map<String, Long> counts) {
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
