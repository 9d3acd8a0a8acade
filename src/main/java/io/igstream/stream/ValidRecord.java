package io.igstream.stream;

import io.igstream.avro.PredictionEvent;

/**
 * A record that passed validation, as passed from {@code validate} to {@code select} and {@code
 * explain} within one task (never serialized): the decoded event for selection and the original
 * bytes for the buffer.
 */
record ValidRecord(PredictionEvent event, ServedModel model, byte[] originalValue) {}
