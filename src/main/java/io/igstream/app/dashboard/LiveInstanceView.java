package io.igstream.app.dashboard;

import io.igstream.stream.DashboardQueries;
import io.igstream.stream.DashboardQueries.Slice;
import io.igstream.stream.DriftWindow;
import io.igstream.stream.ExplainerService;
import io.igstream.stream.RecentAlert;
import io.igstream.stream.RecentAttribution;
import io.igstream.stream.StreamMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dashboard's view of a running instance: its Kafka Streams stores and its metrics. */
public final class LiveInstanceView implements InstanceView, AutoCloseable {
  private final String self;
  private final ExplainerService service;
  private final DashboardQueries queries;
  private final StreamMetrics metrics;
  private final EventRate rate;
  private final Optional<String> driftProblem;

  public LiveInstanceView(
      String self, ExplainerService service, StreamMetrics metrics, Optional<String> driftProblem) {
    this.self = self;
    this.service = service;
    this.queries = service.dashboard();
    this.metrics = metrics;
    this.rate = EventRate.start(metrics::eventsOut);
    this.driftProblem = driftProblem;
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public List<String> instances() {
    return queries.instances();
  }

  @Override
  public Counters counters() {
    return new Counters(
        String.valueOf(service.state()),
        metrics.eventsIn(),
        metrics.eventsOut(),
        metrics.deadLetteredTotal(),
        metrics.alerts(),
        rate.perSecond());
  }

  @Override
  public Slice<RecentAttribution> recentAttributions(int limit) {
    return queries.recentAttributions(limit);
  }

  @Override
  public Slice<RecentAlert> recentAlerts(int limit) {
    return queries.recentAlerts(limit);
  }

  @Override
  public Optional<String> driftProblem() {
    return driftProblem;
  }

  @Override
  public Map<String, List<DriftWindow>> driftHistory() {
    return driftProblem.isEmpty() ? queries.driftHistory() : Map.of();
  }

  @Override
  public void close() {
    rate.close();
  }
}
