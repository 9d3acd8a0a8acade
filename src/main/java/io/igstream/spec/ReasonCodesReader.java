package io.igstream.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code "reasonCodes"} and {@code "reasonCount"} of {@code igstream-model.json}. Refuses:
 * unknown keys in a row, a missing or blank code or text, a row without features, a code used
 * twice, a feature in two rows, and (when the spec lists {@code features}) a feature the model does
 * not have. Features in no row are allowed: they are never a reason (see {@code
 * io.igstream.reasons.ReasonCodeTable}).
 */
final class ReasonCodesReader {
  private static final Set<String> GROUP_KEYS = Set.of("code", "text", "features");

  private ReasonCodesReader() {}

  static ReasonCodesSpec read(Path file, JsonNode root, List<String> features) {
    JsonNode table = root.get("reasonCodes");
    JsonNode count = root.get("reasonCount");
    boolean hasTable = table != null && !table.isNull();
    int k = ReasonCodesSpec.DEFAULT_REASON_COUNT;
    if (count != null && !count.isNull()) {
      ModelSpecReader.require(
          file,
          count.isIntegralNumber() && count.canConvertToInt() && count.asInt() >= 1,
          "'reasonCount' must be an integer >= 1");
      ModelSpecReader.require(file, hasTable, "'reasonCount' is given but 'reasonCodes' is not");
      k = count.asInt();
    }
    if (!hasTable) {
      return ReasonCodesSpec.NONE;
    }
    ModelSpecReader.require(
        file,
        table.isArray() && table.size() > 0,
        "'reasonCodes' must be a non-empty array of {\"code\", \"text\", \"features\"} objects");
    Set<String> known = new HashSet<>(features);
    Set<String> codes = new HashSet<>();
    Map<String, String> codeOfFeature = new HashMap<>();
    List<ReasonCodesSpec.Group> groups = new ArrayList<>();
    for (JsonNode row : table) {
      String where = "'reasonCodes[" + groups.size() + "]'";
      ModelSpecReader.require(file, row.isObject(), where + " must be an object");
      for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        ModelSpecReader.require(
            file,
            GROUP_KEYS.contains(key),
            where + " has unknown key '" + key + "'; known keys: code, features, text");
      }
      String code = nonBlank(file, row, "code", where);
      String text = nonBlank(file, row, "text", where);
      ModelSpecReader.require(file, codes.add(code), "reason code '" + code + "' appears twice");
      JsonNode list = row.get("features");
      ModelSpecReader.require(
          file,
          list != null && list.isArray() && list.size() > 0,
          "reason code '" + code + "' needs a non-empty 'features' array");
      List<String> names = new ArrayList<>();
      for (JsonNode n : list) {
        ModelSpecReader.require(
            file, n.isTextual(), "reason code '" + code + "' features must be strings");
        String feature = n.asText();
        ModelSpecReader.require(
            file,
            known.isEmpty() || known.contains(feature),
            "reason code '" + code + "' names '" + feature + "', which is not in 'features'");
        String previous = codeOfFeature.putIfAbsent(feature, code);
        ModelSpecReader.require(
            file,
            previous == null,
            "feature '"
                + feature
                + "' is in reason codes '"
                + previous
                + "' and '"
                + code
                + "': a feature may be in one group only (it would be counted twice)");
        names.add(feature);
      }
      groups.add(new ReasonCodesSpec.Group(code, text, names));
    }
    return new ReasonCodesSpec(groups, k);
  }

  private static String nonBlank(Path file, JsonNode row, String key, String where) {
    JsonNode v = row.get(key);
    ModelSpecReader.require(
        file,
        v != null && v.isTextual() && !v.asText().isBlank(),
        where + " needs a non-empty string '" + key + "'");
    return v.asText();
  }
}
