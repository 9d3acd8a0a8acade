package io.igstream.app.registry;

import io.igstream.serde.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels in terms of Avro's reader/writer check: backward means the new
 * schema can read what the old ones wrote, forward the reverse; transitive levels check every
 * earlier version, the others only the latest.
 */
final class CompatibilityCheck {
  private CompatibilityCheck() {}

  /**
   * Why {@code candidate} may not follow {@code versions} (oldest first) at {@code level}; empty
   * when it may.
   */
  static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> versions) {
    List<String> problems = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
      return problems;
    }
    List<Schema> against =
        level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
    for (int i = 0; i < against.size(); i++) {
      Schema existing = against.get(i);
      int version = level.transitive() ? i + 1 : versions.size();
      if (level.backward()) {
        describe(problems, "new schema cannot read version " + version, candidate, existing);
      }
      if (level.forward()) {
        describe(
            problems, "version " + version + " cannot read the new schema", existing, candidate);
      }
    }
    return problems;
  }

  private static void describe(List<String> problems, String what, Schema reader, Schema writer) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      List<String> details = new ArrayList<>();
      for (SchemaCompatibility.Incompatibility incompatibility :
          result.getResult().getIncompatibilities()) {
        details.add(
            incompatibility.getType()
                + " at "
                + incompatibility.getLocation()
                + ": "
                + incompatibility.getMessage());
      }
      problems.add(what + " (" + String.join("; ", details) + ")");
    }
  }
}
