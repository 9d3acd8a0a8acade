"use strict";
// Multi-document YAML files parsed strictly: a duplicate key or a syntax error is an error here,
// as it is for kubectl (the `yaml` package's defaults would only warn on some of them).
const fs = require("fs");
const YAML = require("yaml");

function readDocuments(file) {
  const text = fs.readFileSync(file, "utf8");
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  const out = [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) {
      throw new Error(`${file}: ${problems.map((p) => p.message).join("; ")}`);
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) {
      out.push(value);
    }
  }
  return out;
}

function readOne(file) {
  const docs = readDocuments(file);
  if (docs.length !== 1) {
    throw new Error(`${file}: expected one YAML document, found ${docs.length}`);
  }
  return docs[0];
}

module.exports = { readDocuments, readOne };
