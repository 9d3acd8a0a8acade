package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import io.igstream.drift.ReferenceProfile;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the drift sub-topology needs from the caller: serdes (configured by the caller, like the
 * topology's others) and the reference profiles read from files, by model name.
 *
 * @param attributions reads the attribution topic back
 * @param driftEvents writes {@code DriftEvent} values
 * @param referenceFiles each model's reference profile from a file; models absent use their first
 *     judged window
 */
public record DriftWiring(
    Deserializer<AttributionEvent> attributions,
    Serializer<DriftEvent> driftEvents,
    Map<String, ReferenceProfile> referenceFiles) {
  public DriftWiring {
    Objects.requireNonNull(attributions, "attributions");
    Objects.requireNonNull(driftEvents, "driftEvents");
    referenceFiles = Map.copyOf(referenceFiles);
  }
}
