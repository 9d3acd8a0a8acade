package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RecentAttributionSerdeTest {
  private static RecentAttribution sample(String version, Double score, double[] features) {
    return new RecentAttribution(
        41,
        "txn-9",
        "fraud",
        version,
        -1,
        1_700_000_000_123L,
        0.93,
        0.07,
        -2.5e-9,
        false,
        512,
        "adaptive_kronrod_trapezoid",
        score,
        true,
        List.of("amount", "geo_velocity_kmh", "é-unicode"),
        new double[] {0.5, Double.MIN_VALUE, -0.36},
        features);
  }

  @Test
  void shouldRoundTripEveryFieldIncludingNullsAndUnicode() {
    RecentAttribution full = sample("3", 0.91, new double[] {1234.5, 880.0, Double.NaN});
    RecentAttribution back = RecentAttributionSerde.read(RecentAttributionSerde.write(full));
    assertEquals(full.id(), back.id());
    assertEquals(full.instanceSeq(), back.instanceSeq());
    assertEquals("3", back.modelVersion());
    assertEquals(-1, back.eventTimeMillis());
    assertEquals(full.explainedAtMillis(), back.explainedAtMillis());
    assertEquals(full.completenessError(), back.completenessError());
    assertEquals(full.steps(), back.steps());
    assertEquals(full.method(), back.method());
    assertEquals(0.91, back.score());
    assertEquals(full.featureNames(), back.featureNames());
    assertArrayEquals(full.attributions(), back.attributions());
    assertArrayEquals(full.features(), back.features());
    assertEquals(full.toleranceMet(), back.toleranceMet());
    assertEquals(full.alert(), back.alert());

    RecentAttribution sparse = sample(null, null, null);
    RecentAttribution back2 = RecentAttributionSerde.read(RecentAttributionSerde.write(sparse));
    assertNull(back2.modelVersion());
    assertNull(back2.score());
    assertNull(back2.features());
  }

  @Test
  void shouldRefuseAnUnknownLayout() {
    byte[] bytes = RecentAttributionSerde.write(sample("1", null, null));
    bytes[0] = 9;
    SerializationException e =
        assertThrows(SerializationException.class, () -> RecentAttributionSerde.read(bytes));
    assertEquals("recent attribution layout 9 unknown", e.getMessage());
  }
}
