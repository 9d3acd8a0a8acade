package io.igstream.model;

/**
 * Whether a gradient runs for a signature: the outcome of one real {@code Session.run} at a zero
 * input.
 *
 * @param signature the signature probed
 * @param ok true when the value and gradient came back finite
 * @param message "ok" plus what was probed, or the error met
 */
public record ProbeResult(String signature, boolean ok, String message) {}
