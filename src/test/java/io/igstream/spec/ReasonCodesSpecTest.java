package io.igstream.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code "reasonCodes"} and {@code "reasonCount"} in {@code igstream-model.json}. */
class ReasonCodesSpecTest {
  @TempDir Path dir;

  private ModelSpec read(String json) throws IOException {
    Files.writeString(dir.resolve(ModelSpecReader.SPEC_FILE), json);
    return ModelSpecReader.forModel(dir, Optional.empty());
  }

  private String refusal(String json) throws IOException {
    Files.writeString(dir.resolve(ModelSpecReader.SPEC_FILE), json);
    return assertThrows(SpecException.class, () -> ModelSpecReader.forModel(dir, Optional.empty()))
        .getMessage();
  }

  @Test
  void shouldReadTheTableInSpecOrderWithTheGivenCount() throws IOException {
    ModelSpec spec =
        read(
            """
            {"features": ["amount", "amount_vs_avg", "device_new"],
             "reasonCodes": [
               {"code": "R04", "text": "New device", "features": ["device_new"]},
               {"code": "R01", "text": "Large amount", "features": ["amount", "amount_vs_avg"]}],
             "reasonCount": 2}
            """);
    ReasonCodesSpec table = spec.reasonCodes();
    assertEquals(2, table.reasonCount());
    assertEquals(
        List.of(
            new ReasonCodesSpec.Group("R04", "New device", List.of("device_new")),
            new ReasonCodesSpec.Group("R01", "Large amount", List.of("amount", "amount_vs_avg"))),
        table.groups());
  }

  @Test
  void shouldDefaultToFourReasonsAndToNoTable() throws IOException {
    assertEquals(
        4,
        read("{\"reasonCodes\": [{\"code\": \"R1\", \"text\": \"t\", \"features\": [\"f0\"]}]}")
            .reasonCodes()
            .reasonCount());
    ModelSpec none = read("{\"alertThreshold\": 0.5}");
    assertTrue(none.reasonCodes().isEmpty());
    assertEquals(ReasonCodesSpec.NONE, none.reasonCodes());
  }

  @Test
  void shouldKeepTheTableThroughTheWithMethods() throws IOException {
    ModelSpec spec =
        read("{\"reasonCodes\": [{\"code\": \"R1\", \"text\": \"t\", \"features\": [\"f0\"]}]}");
    assertEquals(spec.reasonCodes(), spec.withMethod("gausslegendre", 16).reasonCodes());
    assertEquals(spec.reasonCodes(), spec.withSignature("other").reasonCodes());
  }

  @Test
  void shouldRefuseAFeatureNotInFeatures() throws IOException {
    String m =
        refusal(
            """
            {"features": ["a", "b"],
             "reasonCodes": [{"code": "R1", "text": "t", "features": ["a", "c"]}]}
            """);
    assertTrue(m.contains("reason code 'R1' names 'c', which is not in 'features'"), m);
  }

  @Test
  void shouldRefuseAFeatureInTwoGroups() throws IOException {
    String m =
        refusal(
            """
            {"reasonCodes": [{"code": "R1", "text": "t", "features": ["a", "b"]},
                             {"code": "R2", "text": "u", "features": ["b"]}]}
            """);
    assertTrue(m.contains("feature 'b' is in reason codes 'R1' and 'R2'"), m);
  }

  @Test
  void shouldRefuseADuplicateCode() throws IOException {
    String m =
        refusal(
            """
            {"reasonCodes": [{"code": "R1", "text": "t", "features": ["a"]},
                             {"code": "R1", "text": "u", "features": ["b"]}]}
            """);
    assertTrue(m.contains("reason code 'R1' appears twice"), m);
  }

  @Test
  void shouldRefuseMalformedRows() throws IOException {
    assertTrue(
        refusal("{\"reasonCodes\": [{\"code\": \"R1\", \"text\": \"t\", \"features\": []}]}")
            .contains("'R1' needs a non-empty 'features' array"));
    assertTrue(
        refusal("{\"reasonCodes\": [{\"code\": \"R1\", \"features\": [\"a\"]}]}")
            .contains("'reasonCodes[0]' needs a non-empty string 'text'"));
    assertTrue(
        refusal(
                "{\"reasonCodes\": [{\"code\": \"R1\", \"text\": \"t\", \"features\": [\"a\"],"
                    + " \"weight\": 2}]}")
            .contains("'reasonCodes[0]' has unknown key 'weight'"));
    assertTrue(
        refusal("{\"reasonCodes\": []}").contains("'reasonCodes' must be a non-empty array"));
  }

  @Test
  void shouldRefuseABadReasonCount() throws IOException {
    String table = "\"reasonCodes\": [{\"code\": \"R1\", \"text\": \"t\", \"features\": [\"a\"]}]";
    assertTrue(
        refusal("{" + table + ", \"reasonCount\": 0}")
            .contains("'reasonCount' must be an integer >= 1"));
    assertTrue(
        refusal("{\"reasonCount\": 3}")
            .contains("'reasonCount' is given but 'reasonCodes' is not"));
  }
}
