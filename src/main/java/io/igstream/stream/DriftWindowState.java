package io.igstream.stream;

import io.igstream.drift.ProfileAccumulator;
import java.util.Optional;

/**
 * An open drift window of one model, as kept in the changelogged store {@value
 * DriftTopology#WINDOW_STORE}: its running sums and the last model version seen in it.
 */
record DriftWindowState(ProfileAccumulator sums, Optional<String> lastVersion) {}
