package io.igstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.dashboard.DashboardSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardConfigTest {
  private static final Map<String, String> REQUIRED =
      Map.of(
          "igstream.models", "/m",
          "bootstrap.servers", "b:9092",
          "schema.registry.url", "http://r:8081");

  @TempDir Path dir;

  private ExplainerAppConfig config(Map<String, String> fileKeys, Map<String, String> env)
      throws IOException {
    Map<String, String> all = new HashMap<>(REQUIRED);
    all.putAll(fileKeys);
    StringBuilder text = new StringBuilder();
    all.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = Files.writeString(dir.resolve("igstream.properties"), text);
    return new ExplainerAppConfig(
        ConfigSources.load(file, env, ExplainerAppConfig.DEFINITION.names()));
  }

  @Test
  void shouldDefaultToNoTokenHiddenFeaturesAndTheDefaultDriftTopic() throws IOException {
    DashboardSettings d = config(Map.of(), Map.of()).dashboard();
    assertEquals(Optional.empty(), d.token());
    assertFalse(d.showFeatures());
    assertEquals("attribution-drift", d.driftTopic());
    assertEquals("10.0.0.7", d.advertisedHost("10.0.0.7"), "the bind host by default");
    assertFalse(d.advertisedHost("0.0.0.0").equals("0.0.0.0"), "a wildcard is no address");
  }

  @Test
  void shouldTakeTheTokenFromTheEnvironmentAndNeverPrintIt() throws IOException {
    ExplainerAppConfig c =
        config(
            Map.of(
                "igstream.dashboard.show.features", "true",
                "igstream.http.advertised.host", "pod-3.igstream",
                "igstream.drift.topic", "drift-v2"),
            Map.of("IGSTREAM_DASHBOARD_TOKEN", "from-a-secret"));
    DashboardSettings d = c.dashboard();
    assertEquals(Optional.of("from-a-secret"), d.token());
    assertTrue(d.showFeatures());
    assertEquals("pod-3.igstream", d.advertisedHost("0.0.0.0"));
    assertEquals("drift-v2", d.driftTopic());
    assertFalse(c.values().toString().contains("from-a-secret"), "a PASSWORD is masked");
  }
}
