package io.igstream.app.dashboard;

import io.igstream.stream.ExplainerStreamConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * How the dashboard is served.
 *
 * @param token when present, the page and {@code /api/*} need it (see {@link DashboardAuth})
 * @param showFeatures whether recent events carry their raw feature values
 * @param advertisedHost where other instances reach this one (unset: see {@link
 *     #advertisedHost(String)})
 * @param driftTopic the topic of {@code DriftEvent}s read into the global drift store
 */
public record DashboardSettings(
    Optional<String> token,
    boolean showFeatures,
    Optional<String> advertisedHost,
    String driftTopic) {

  /** No token, features hidden, advertised = bind host, the default drift topic. */
  public static DashboardSettings defaults() {
    return new DashboardSettings(
        Optional.empty(),
        false,
        Optional.empty(),
        (String)
            ExplainerStreamConfig.CONFIG_DEF
                .defaultValues()
                .get(ExplainerStreamConfig.DRIFT_TOPIC_CONFIG));
  }

  public DashboardSettings withToken(String newToken) {
    return new DashboardSettings(Optional.of(newToken), showFeatures, advertisedHost, driftTopic);
  }

  public DashboardSettings withShowFeatures(boolean show) {
    return new DashboardSettings(token, show, advertisedHost, driftTopic);
  }

  /**
   * The host other instances use: the configured one, else the bind host, else (a wildcard bind
   * such as 0.0.0.0 is no address to call) this machine's host name.
   */
  public String advertisedHost(String bindHost) {
    if (advertisedHost.isPresent()) {
      return advertisedHost.get();
    }
    if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::") && !bindHost.isBlank()) {
      return bindHost;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
