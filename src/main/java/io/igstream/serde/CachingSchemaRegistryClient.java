package io.igstream.serde;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry — id to schema, (subject, schema) to id — so that steady
 * state serialization and deserialization make no HTTP calls. A subject's latest version can
 * change, so it is cached for a configurable time only. Compatibility checks and config are not
 * cached. Thread-safe; failures are not cached.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {
  private record SubjectSchema(String subject, Schema schema) {}

  private record Timed(RegisteredSchema value, long expiresAtNanos) {}

  private final SchemaRegistryClient delegate;
  private final long latestTtlNanos;
  private final LongSupplier nanoTime;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
  private final Map<String, Timed> latest = new ConcurrentHashMap<>();

  /**
   * @param latestTtl how long {@link #latest} answers are kept; zero disables that cache
   */
  public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl) {
    this(delegate, latestTtl, System::nanoTime);
  }

  CachingSchemaRegistryClient(
      SchemaRegistryClient delegate, Duration latestTtl, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.latestTtlNanos = saturatedNanos(latestTtl);
    this.nanoTime = nanoTime;
  }

  @Override
  public int register(String subject, Schema schema) {
    return registeredIds.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          int id = delegate.register(subject, schema);
          schemasById.putIfAbsent(id, schema);
          return id;
        });
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    return lookups.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          RegisteredSchema found = delegate.lookup(subject, schema);
          schemasById.putIfAbsent(found.id(), found.schema());
          return found;
        });
  }

  @Override
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(id, delegate::schemaById);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    long now = nanoTime.getAsLong();
    Timed cached = latest.get(subject);
    if (cached != null && now - cached.expiresAtNanos() < 0) {
      return cached.value();
    }
    RegisteredSchema fresh = delegate.latest(subject);
    schemasById.putIfAbsent(fresh.id(), fresh.schema());
    if (latestTtlNanos > 0) {
      latest.put(subject, new Timed(fresh, now + latestTtlNanos));
    }
    return fresh;
  }

  /** Not cached: rarely called, and a version can be deleted from a real registry. */
  @Override
  public RegisteredSchema version(String subject, int version) {
    RegisteredSchema found = delegate.version(subject, version);
    schemasById.putIfAbsent(found.id(), found.schema());
    return found;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return delegate.isCompatible(subject, schema);
  }

  @Override
  public CompatibilityLevel compatibility() {
    return delegate.compatibility();
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return delegate.compatibility(subject);
  }

  @Override
  public void setCompatibility(CompatibilityLevel level) {
    delegate.setCompatibility(level);
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }

  /** Nanoseconds, capped so that {@code now + ttl} stays comparable ("forever" is ~146 years). */
  private static long saturatedNanos(Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("latest cache TTL must not be negative: " + ttl);
    }
    return ttl.compareTo(Duration.ofNanos(Long.MAX_VALUE / 2)) > 0
        ? Long.MAX_VALUE / 2
        : ttl.toNanos();
  }
}
