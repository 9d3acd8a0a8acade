package io.igstream.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start tags of a serialized DOM (chromium's {@code --dump-dom}), in document order, with their
 * attributes: enough to read the dashboard's data-* values without an HTML library.
 */
record DomTags(String name, Map<String, String> attributes) {
  private static final Pattern TAG =
      Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[^\\s=>/]+(?:=\"[^\"]*\")?)*)\\s*/?>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=>/]+)(?:=\"([^\"]*)\")?");

  static List<DomTags> parse(String html) {
    List<DomTags> out = new ArrayList<>();
    Matcher m = TAG.matcher(html);
    while (m.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(m.group(2));
      while (a.find()) {
        String value = a.group(2) == null ? "" : a.group(2);
        attributes.put(a.group(1), unescape(value));
      }
      out.add(new DomTags(m.group(1).toLowerCase(java.util.Locale.ROOT), attributes));
    }
    return out;
  }

  String get(String attribute) {
    return attributes.get(attribute);
  }

  boolean hasClass(String c) {
    String classes = attributes.getOrDefault("class", "");
    return List.of(classes.split("\\s+")).contains(c);
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
