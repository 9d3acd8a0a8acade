package io.igstream.app.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The dashboard's JSON endpoints. {@code /api/local/...} answer this instance's slice; {@code
 * /api/summary}, {@code /api/attributions/latest} and {@code /api/alerts/recent} ask every instance
 * of the application for its slice (in parallel; this instance answers itself without HTTP) and
 * merge them, so the page shows the whole picture whichever instance serves it. {@code /api/drift}
 * answers from the global drift store, which every instance holds whole.
 */
public final class DashboardApi {
  private final InstanceView view;
  private final boolean showFeatures;
  private final PeerClient peers;

  public DashboardApi(InstanceView view, DashboardSettings settings) {
    this.view = view;
    this.showFeatures = settings.showFeatures();
    this.peers = new PeerClient(settings.token());
  }

  /** The JSON for {@code path}, or empty when no endpoint has that path. */
  public Optional<ObjectNode> answer(String path) {
    return switch (path) {
      case "/api/local/summary" -> Optional.of(localSummary());
      case "/api/local/attributions" -> Optional.of(localAttributions());
      case "/api/local/alerts" -> Optional.of(localAlerts());
      case "/api/summary" ->
          Optional.of(
              stamped(DashboardMerge.summary(fanOut("/api/local/summary", v -> localSummary()))));
      case "/api/attributions/latest" ->
          Optional.of(
              stamped(
                  DashboardMerge.newest(
                      fanOut("/api/local/attributions", v -> localAttributions()))));
      case "/api/alerts/recent" ->
          Optional.of(
              stamped(DashboardMerge.newest(fanOut("/api/local/alerts", v -> localAlerts()))));
      case "/api/drift" -> Optional.of(stamped(DashboardJson.drift(view)));
      default -> Optional.empty();
    };
  }

  private ObjectNode localSummary() {
    return DashboardJson.localSummary(view, view.recentAttributions(Integer.MAX_VALUE));
  }

  private ObjectNode localAttributions() {
    return DashboardJson.localAttributions(
        view, view.recentAttributions(DashboardMerge.LATEST), showFeatures);
  }

  private ObjectNode localAlerts() {
    return DashboardJson.localAlerts(view, view.recentAlerts(DashboardMerge.LATEST));
  }

  /** Every instance's answer, this one's first; the group's list, or just this one before it. */
  private List<PeerAnswer> fanOut(String localPath, Function<InstanceView, ObjectNode> self) {
    List<String> others = new ArrayList<>(view.instances());
    others.remove(view.self());
    others.sort(String::compareTo);
    List<CompletableFuture<PeerAnswer>> pending = new ArrayList<>();
    for (String instance : others) {
      pending.add(peers.get(instance, localPath));
    }
    List<PeerAnswer> answers = new ArrayList<>();
    answers.add(PeerAnswer.of(view.self(), self.apply(view)));
    pending.forEach(p -> answers.add(p.join()));
    return answers;
  }

  private static ObjectNode stamped(ObjectNode o) {
    o.put("generatedAt", Instant.now().toString());
    return o;
  }
}
