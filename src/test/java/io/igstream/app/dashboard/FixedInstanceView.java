package io.igstream.app.dashboard;

import io.igstream.stream.DashboardQueries.Slice;
import io.igstream.stream.DriftWindow;
import io.igstream.stream.RecentAlert;
import io.igstream.stream.RecentAttribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An instance's view holding given records (what a task's stores would hold), for testing the HTTP
 * layer, the fan-out and the merge without a broker. The group's addresses are set once the servers
 * are listening.
 */
final class FixedInstanceView implements InstanceView {
  final List<String> group = new CopyOnWriteArrayList<>();
  String self = "unset:0";
  Counters counters = new Counters("RUNNING", 0, 0, 0, 0, 0);
  final List<RecentAttribution> attributions = new ArrayList<>();
  final List<RecentAlert> alerts = new ArrayList<>();
  Map<String, List<DriftWindow>> drift = Map.of();

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> instances() {
    return List.copyOf(group);
  }

  @Override
  public Counters counters() {
    return counters;
  }

  @Override
  public Slice<RecentAttribution> recentAttributions(int limit) {
    return new Slice<>(
        attributions.stream()
            .sorted(Comparator.comparingLong(RecentAttribution::explainedAtMillis).reversed())
            .limit(limit)
            .toList(),
        true);
  }

  @Override
  public Slice<RecentAlert> recentAlerts(int limit) {
    return new Slice<>(alerts.stream().limit(limit).toList(), true);
  }

  @Override
  public Optional<String> driftProblem() {
    return Optional.empty();
  }

  @Override
  public Map<String, List<DriftWindow>> driftHistory() {
    return drift;
  }

  static RecentAttribution attribution(String id, long explainedAt, double completenessError) {
    return new RecentAttribution(
        explainedAt,
        id,
        "fraud",
        "1",
        explainedAt - 5,
        explainedAt,
        0.8,
        0.1,
        completenessError,
        true,
        64,
        "adaptive",
        null,
        false,
        List.of("amount", "velocity"),
        new double[] {0.5, 0.2 + completenessError},
        new double[] {1234.5, 7.0});
  }
}
