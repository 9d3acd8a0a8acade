package io.igstream.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Dockerfile as instructions: continuation lines joined, comments dropped. */
record Dockerfile(Path file, List<Instruction> instructions) {
  record Instruction(String keyword, String args) {
    @Override
    public String toString() {
      return keyword + " " + args;
    }
  }

  static Dockerfile read(Path file) throws IOException {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.startsWith("#") && current.isEmpty()) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String text = current.toString().strip();
      current.setLength(0);
      if (!text.isEmpty()) {
        int sp = text.indexOf(' ');
        out.add(
            new Instruction(
                text.substring(0, sp).toUpperCase(Locale.ROOT), text.substring(sp + 1).strip()));
      }
    }
    return new Dockerfile(file, out);
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** Instructions of the last stage (the image that ships). */
  List<Instruction> finalStage() {
    int from = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        from = i;
      }
    }
    return instructions.subList(from, instructions.size());
  }
}
