package io.igstream.app.registry;

import io.igstream.serde.CompatibilityLevel;
import io.igstream.serde.RegisteredSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's state, in memory: globally unique schema ids (the same schema under two subjects
 * gets one id, as in Confluent's registry), each subject's versions, and compatibility levels.
 * Schemas are compared by their canonical Avro JSON ({@link Schema#toString()}). Every method is
 * synchronized: registration is check-then-act.
 */
final class SchemaStore {
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Integer>> versionIds = new LinkedHashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;

  /** Registers {@code schema}; idempotent; throws 409 when the subject's level forbids it. */
  synchronized int register(String subject, Schema schema) {
    String canonical = schema.toString();
    Integer knownId = idsBySchema.get(canonical);
    List<Integer> versions = versionIds.get(subject);
    if (knownId != null && versions != null && versions.contains(knownId)) {
      return knownId;
    }
    List<String> problems = problems(subject, schema);
    if (!problems.isEmpty()) {
      throw new RegistryError(
          409,
          RegistryError.INCOMPATIBLE,
          "Schema being registered is incompatible with an earlier schema for subject '"
              + subject
              + "' (compatibility "
              + level(subject)
              + "): "
              + String.join("; ", problems));
    }
    int id = knownId != null ? knownId : nextId++;
    idsBySchema.putIfAbsent(canonical, id);
    schemasById.putIfAbsent(id, schema);
    versionIds.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
    return id;
  }

  /** The version of {@code subject} holding {@code schema}: 40401 or 40403 when there is none. */
  synchronized RegisteredSchema lookup(String subject, Schema schema) {
    List<Integer> versions = existingVersions(subject);
    Integer id = idsBySchema.get(schema.toString());
    int index = id == null ? -1 : versions.indexOf(id);
    if (index < 0) {
      throw RegistryError.schemaNotFound("not registered under subject '" + subject + "'");
    }
    return new RegisteredSchema(subject, index + 1, id, schemasById.get(id));
  }

  synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryError.schemaNotFound("no schema with id " + id);
    }
    return schema;
  }

  /** Version {@code version} of {@code subject}; {@code -1} means the latest. */
  synchronized RegisteredSchema version(String subject, int version) {
    List<Integer> versions = existingVersions(subject);
    int number = version == -1 ? versions.size() : version;
    if (number < 1 || number > versions.size()) {
      throw RegistryError.versionNotFound(subject, version);
    }
    int id = versions.get(number - 1);
    return new RegisteredSchema(subject, number, id, schemasById.get(id));
  }

  synchronized List<String> subjects() {
    return List.copyOf(versionIds.keySet());
  }

  synchronized List<Integer> versions(String subject) {
    int count = existingVersions(subject).size();
    List<Integer> numbers = new ArrayList<>(count);
    for (int v = 1; v <= count; v++) {
      numbers.add(v);
    }
    return numbers;
  }

  /** Whether {@code schema} could be registered under the existing {@code subject} now. */
  synchronized boolean isCompatible(String subject, Schema schema) {
    existingVersions(subject);
    return problems(subject, schema).isEmpty();
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  synchronized void setGlobalLevel(CompatibilityLevel level) {
    globalLevel = level;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
    subjectLevels.put(subject, level);
  }

  private CompatibilityLevel level(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<String> problems(String subject, Schema schema) {
    List<Schema> existing = new ArrayList<>();
    for (int id : versionIds.getOrDefault(subject, List.of())) {
      existing.add(schemasById.get(id));
    }
    return CompatibilityCheck.problems(level(subject), schema, existing);
  }

  private List<Integer> existingVersions(String subject) {
    List<Integer> versions = versionIds.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }
}
