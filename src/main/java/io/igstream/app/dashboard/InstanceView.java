package io.igstream.app.dashboard;

import io.igstream.stream.DashboardQueries.Slice;
import io.igstream.stream.DriftWindow;
import io.igstream.stream.RecentAlert;
import io.igstream.stream.RecentAttribution;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one running explainer instance knows, for the dashboard: its own counters and recent events
 * (its slice), the global drift history, and the addresses of every instance.
 */
public interface InstanceView {
  /** This instance's counters since it started. */
  record Counters(
      String state,
      long eventsIn,
      long eventsOut,
      long deadLettered,
      long alerts,
      double eventsPerSecond) {}

  /** {@code host:port} of this instance's HTTP server, as advertised to the others. */
  String self();

  /** Every instance's advertised {@code host:port}; may be empty while the group forms. */
  List<String> instances();

  Counters counters();

  Slice<RecentAttribution> recentAttributions(int limit);

  Slice<RecentAlert> recentAlerts(int limit);

  /** Why the drift history is not read (e.g. the topic did not exist at start); empty if it is. */
  Optional<String> driftProblem();

  Map<String, List<DriftWindow>> driftHistory();
}
