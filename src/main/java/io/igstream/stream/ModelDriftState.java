package io.igstream.stream;

import io.igstream.drift.ReferenceProfile;
import java.util.Optional;

/**
 * What the drift processor remembers of a model between windows, in the changelogged store {@value
 * DriftTopology#MODEL_STORE} (so a restart keeps it).
 *
 * @param closedUntil the latest end of a window already closed: events of windows ending at or
 *     before it are late
 * @param firstWindow the reference chosen by {@code reference=first}, once a window qualified
 */
record ModelDriftState(long closedUntil, Optional<ReferenceProfile> firstWindow) {
  static final ModelDriftState NEW = new ModelDriftState(Long.MIN_VALUE, Optional.empty());

  ModelDriftState closedThrough(long end) {
    return new ModelDriftState(Math.max(closedUntil, end), firstWindow);
  }

  ModelDriftState withFirstWindow(ReferenceProfile reference) {
    return new ModelDriftState(closedUntil, Optional.of(reference));
  }
}
