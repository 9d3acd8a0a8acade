package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explainer survives hard crashes with no event lost or duplicated: a child JVM runs the real
 * topology against a real broker and is killed with SIGKILL while its batch buffer holds committed
 * events (see {@link CrashScenario} for how that is known). The same scenario with an in-memory
 * buffer (no changelog) must lose exactly the events that were buffered at the kills: the test
 * demonstrably catches loss.
 *
 * <p>The broker and the schema registry run in this JVM and outlive every child.
 */
class ExplainerCrashIT {
  private static final int PARTITIONS = 3;

  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedSchemaRegistry registry;

  @TempDir static Path workDir;

  @BeforeAll
  static void startBrokerAndRegistry() {
    kafka = EmbeddedKafkaBroker.start();
    registry = EmbeddedSchemaRegistry.builder().build().start();
  }

  @AfterAll
  static void stopBrokerAndRegistry() {
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void shouldExplainEveryEventExactlyOnceAcrossHardKillsWithABufferedBatch() {
    CrashScenario.Result r =
        scenario("durable", ExplainerTopology.BufferDurability.CHANGELOGGED).run(3, 30);

    assertEquals(3 * 30, r.bufferedAtKills().size(), "events buffered at a kill\n" + r.childLogs());
    assertEquals(Map.of(), duplicates(r.attributed()), "duplicated attributions\n" + r.childLogs());
    assertEquals(
        Set.of(), missing(r.produced(), r.attributed()), "missing attributions\n" + r.childLogs());
    assertEquals(
        Set.copyOf(r.produced()), Set.copyOf(r.attributed()), "attributions for other ids");
    assertEquals(0, r.deadLettered(), "dead-lettered events\n" + r.childLogs());
    // How: each restarted child restored the killed one's wave from the changelog.
    assertEquals(List.of(0L, 30L, 30L, 30L), r.restoredBuffered(), "restored buffer per run");
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void negativeControlShouldLoseTheBufferedEventsWithAnInMemoryBuffer() {
    CrashScenario.Result r =
        scenario("lossy", ExplainerTopology.BufferDurability.LOST_ON_CRASH).run(3, 30);

    assertEquals(List.of(0L, 0L, 0L, 0L), r.restoredBuffered(), "restored buffer per run");
    Set<String> lost = missing(r.produced(), r.attributed());
    assertFalse(lost.isEmpty(), "the negative control lost nothing: the test cannot see loss");
    // Exactly the buffered waves are gone: the kills, not something else, lost them.
    assertEquals(r.bufferedAtKills(), lost, "lost events\n" + r.childLogs());
    assertEquals(
        Set.copyOf(r.produced()).size() - lost.size(),
        r.attributed().size(),
        "the events not buffered at a kill (the last wave) are explained");
    assertEquals(Map.of(), duplicates(r.attributed()), "duplicated attributions");
    assertEquals(0, r.deadLettered(), "dead-lettered events");
  }

  private static CrashScenario scenario(String name, ExplainerTopology.BufferDurability d) {
    CrashNames names = new CrashNames(name);
    kafka.createTopic(names.predictions(), PARTITIONS);
    kafka.createTopic(names.attributions(), PARTITIONS);
    kafka.createTopic(names.deadLetters(), PARTITIONS);
    CrashScenario.Setup setup =
        new CrashScenario.Setup(
            kafka.bootstrapServers(), registry.url(), FraudModels.directory(), workDir);
    return new CrashScenario(setup, names, d, PARTITIONS);
  }

  private static Set<String> missing(List<String> produced, List<String> attributed) {
    Set<String> m = new LinkedHashSet<>(produced);
    attributed.forEach(m::remove);
    return m;
  }

  private static Map<String, Long> duplicates(List<String> ids) {
    Map<String, Long> counts =
        ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    Map<String, Long> dup = new HashMap<>();
    counts.forEach(
        (id, n) -> {
          if (n > 1) {
            dup.put(id, n);
          }
        });
    return dup;
  }
}
