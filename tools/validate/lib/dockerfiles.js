"use strict";
// The Dockerfiles through dockerfilelint with every rule on (no .dockerfilelintrc), less one
// known false positive: dockerfilelint 1.8.0 (its latest release) reads HEALTHCHECK option names
// with /--\w+/, so `--start-period` becomes `--start` and the instruction is reported as
// "Invalid Argument Format" (replicatedhq/dockerfilelint#166; the fix, #167, was never merged).
// That report is dropped only when the HEALTHCHECK passes the check below, which accepts exactly
// Docker's options, each with a valid value, followed by CMD; any other problem still fails.
const fs = require("fs");
const dockerfilelint = require("dockerfilelint");

const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const HEALTHCHECK_OPTIONS = {
  "--interval": GO_DURATION,
  "--timeout": GO_DURATION,
  "--start-period": GO_DURATION,
  "--start-interval": GO_DURATION,
  "--retries": /^\d+$/,
};

/** The instruction starting at 1-based `line`, continuation lines joined. */
function instructionAt(lines, line) {
  let text = "";
  for (let i = line - 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l.endsWith("\\")) {
      return text + l;
    }
    text += l.slice(0, -1) + " ";
  }
  return text;
}

function isWellFormedHealthcheck(instruction) {
  const words = instruction.split(/\s+/);
  if (words[0].toUpperCase() !== "HEALTHCHECK") {
    return false;
  }
  let i = 1;
  for (; i < words.length && words[i].startsWith("--"); i++) {
    const [name, value] = words[i].split("=", 2);
    const format = HEALTHCHECK_OPTIONS[name];
    if (!format || value === undefined || !format.test(value)) {
      return false;
    }
  }
  return words[i] === "CMD" && words.length > i + 1;
}

/** Problems in a Dockerfile, as "line N: title (rule)" strings; empty when clean. */
function lintDockerfile(file) {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split(/\r?\n/);
  // The config path is where dockerfilelint looks for a .dockerfilelintrc: none is kept anywhere.
  const items = dockerfilelint.run(__dirname, text);
  return items
    .filter(
      (item) =>
        !(
          item.rule === "invalid_format" &&
          isWellFormedHealthcheck(instructionAt(lines, Number(item.line)))
        ),
    )
    .map((item) => {
      const why = item.description.split("\n")[0];
      return `line ${item.line}: ${item.title} (rule ${item.rule}): ${why}`;
    });
}

module.exports = { lintDockerfile, isWellFormedHealthcheck };
