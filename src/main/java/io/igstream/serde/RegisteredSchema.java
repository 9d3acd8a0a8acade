package io.igstream.serde;

import org.apache.avro.Schema;

/** One version of a subject: what {@code POST /subjects/{s}} and {@code GET .../versions/n} say. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
