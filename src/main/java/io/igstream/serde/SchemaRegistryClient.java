package io.igstream.serde;

import java.util.Map;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API (v1) a serde needs. Every method may throw
 * {@link SchemaRegistryException}: an HTTP error from the registry (status, {@code error_code},
 * message) or no answer from any configured URL.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its globally unique id. Idempotent: registering a known schema returns its id.
   */
  int register(String subject, Schema schema);

  /**
   * Finds {@code schema} under {@code subject} without registering it ({@code POST
   * /subjects/{subject}}).
   */
  RegisteredSchema lookup(String subject, Schema schema);

  /** The schema with the globally unique {@code id} ({@code GET /schemas/ids/{id}}). */
  Schema schemaById(int id);

  /** The newest version under {@code subject} ({@code GET /subjects/{subject}/versions/latest}). */
  RegisteredSchema latest(String subject);

  /** Version {@code version} of {@code subject} ({@code GET /subjects/{subject}/versions/{n}}). */
  RegisteredSchema version(String subject, int version);

  /**
   * Whether {@code schema} could be registered under {@code subject} at its compatibility level
   * ({@code POST /compatibility/subjects/{subject}/versions/latest}).
   */
  boolean isCompatible(String subject, Schema schema);

  /** The global compatibility level ({@code GET /config}). */
  CompatibilityLevel compatibility();

  /**
   * The level that applies to {@code subject}: its own, else the global one ({@code GET
   * /config/{subject}?defaultToGlobal=true}).
   */
  CompatibilityLevel compatibility(String subject);

  /** Sets the global compatibility level ({@code PUT /config}). */
  void setCompatibility(CompatibilityLevel level);

  /** Sets {@code subject}'s compatibility level ({@code PUT /config/{subject}}). */
  void setCompatibility(String subject, CompatibilityLevel level);

  /**
   * A caching HTTP client configured with the keys Confluent users know; see {@link
   * SchemaRegistryClientConfig}.
   */
  static SchemaRegistryClient fromConfig(Map<String, ?> config) {
    SchemaRegistryClientConfig parsed = SchemaRegistryClientConfig.parse(config);
    return new CachingSchemaRegistryClient(
        new HttpSchemaRegistryClient(parsed), parsed.latestCacheTtl());
  }
}
