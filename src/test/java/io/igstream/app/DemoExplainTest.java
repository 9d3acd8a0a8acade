package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: {@code explain --model demo} trains the model on first use. */
class DemoExplainTest {
  @TempDir Path home;

  @BeforeEach
  void useATemporaryHome() {
    System.setProperty("igstream.home", home.toString());
  }

  @AfterEach
  void restoreHome() {
    System.clearProperty("igstream.home");
  }

  @Test
  void shouldTrainTheDemoModelOnFirstUseAndExplainWithinToleranceOrMarkIt() throws IOException {
    Path out = home.resolve("attributions.jsonl");
    CliRunner r =
        CliRunner.run(
            "explain",
            "--model",
            "demo",
            "--events",
            "200",
            "--output",
            out.toString(),
            "--tolerance",
            "0.005");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(home.resolve("models/fraud-demo/saved_model.pb")));
    assertTrue(Files.isRegularFile(home.resolve("models/fraud-demo/igstream-model.json")));
    List<String> lines = Files.readAllLines(out);
    assertEquals(200, lines.size());
    ObjectMapper json = new ObjectMapper();
    int alerts = 0;
    for (String line : lines) {
      JsonNode row = json.readTree(line);
      double delta = row.get("prediction").asDouble() - row.get("baselinePrediction").asDouble();
      double tolerance = Math.max(0.005, 0.01 * Math.abs(delta));
      boolean within = Math.abs(row.get("completenessError").asDouble()) <= tolerance;
      assertTrue(
          within || !row.get("toleranceMet").asBoolean(),
          "an event outside tolerance must say so: " + line);
      assertEquals("vector", row.get("baseline").asText(), "the spec's legit-mean baseline");
      alerts += row.get("prediction").asDouble() > 0.5 ? 1 : 0;
    }
    assertTrue(alerts > 0, "the synthetic stream holds fraud the model flags");
    assertTrue(r.err().contains("explained 200 events"), r.err());
  }
}
