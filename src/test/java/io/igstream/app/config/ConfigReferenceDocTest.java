package io.igstream.app.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration reference is the one generated from the code, not a stale copy. */
class ConfigReferenceDocTest {
  /**
   * Keys added on the deployment branch, whose README rows the README's owner pastes at merge (that
   * branch may not edit README.md). Until then they are documented in k8s/README.md; once README.md
   * has them, the second test fails and this set must be emptied.
   */
  private static final Set<String> AWAITING_README =
      Set.of(
          ExplainerAppConfig.DEVICE_CONFIG,
          ExplainerAppConfig.REQUIRE_GPU_CONFIG,
          ExplainerAppConfig.GPU_BATCH_SIZE_CONFIG);

  private static boolean awaiting(String row) {
    return AWAITING_README.stream().anyMatch(k -> row.startsWith("| `" + k + "` |"));
  }

  @Test
  void shouldKeepTheReadmeReferenceInStepWithTheCode() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String expected =
        ExplainerAppConfig.markdownReference()
            .lines()
            .filter(row -> !awaiting(row))
            .collect(Collectors.joining("\n", "", "\n"));
    assertTrue(
        readme.contains(expected),
        "README.md's configuration reference is stale: paste the output of"
            + " bin/igstream run --print-config-reference");
  }

  @Test
  void shouldDocumentKeysAwaitingTheReadmeInTheK8sReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String k8s = Files.readString(Path.of("k8s/README.md"));
    for (String row : ExplainerAppConfig.markdownReference().lines().toList()) {
      if (awaiting(row)) {
        assertFalse(
            readme.contains(row), "README.md now documents " + row + ": drop it from AWAITING");
        assertTrue(k8s.contains(row), "k8s/README.md must document " + row);
      }
    }
  }
}
