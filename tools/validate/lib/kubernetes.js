"use strict";
// Validates one Kubernetes object against the API schema of its apiVersion/kind, as published by
// kubernetes-models (core and built-in groups), @kubernetes-models/keda (keda.sh) and
// @kubernetes-models/prometheus-operator (monitoring.coreos.com).
//
// Those packages ship ajv validators compiled ahead of time, and their schemas allow unknown
// fields (the API server would drop them silently: a typo'd `readOnlyRootFileSystem` is the
// classic way a security setting is lost). Strict mode is added here without the raw schemas: the
// object is wrapped in Proxies that record which properties the compiled validator reads. A
// validator reads every property its schema declares (present or not), and enumerates the keys of
// a map (labels, resources.requests, KEDA trigger metadata). So a key of an object the validator
// looked at, neither read nor enumerated, is a field the schema does not have. Objects the
// validator never touched are free-form (x-kubernetes-preserve-unknown-fields) and accepted.

const CORE = "kubernetes-models";
const GROUP_PACKAGES = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

/** The model class for apiVersion + kind, or an Error saying why there is none. */
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return new Error("apiVersion and kind must be strings");
  }
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (!/^[a-z0-9.-]*$/.test(group) || !/^v[0-9a-z]+$/.test(version || "")) {
    return new Error(`malformed apiVersion ${apiVersion}`);
  }
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return new Error(`malformed kind ${kind}`);
  }
  const pkg = GROUP_PACKAGES[group] || CORE;
  const module = group ? `${pkg}/${group}/${version}/${kind}` : `${pkg}/${version}/${kind}`;
  try {
    const model = require(module)[kind];
    if (model && model.kind === kind && model.apiVersion === apiVersion) {
      return model;
    }
  } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND" && e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      throw e;
    }
  }
  return new Error(
    `unknown kind ${kind} in ${apiVersion}: no schema for it in ${pkg} ` +
      `(known: the Kubernetes API groups, keda.sh, monitoring.coreos.com)`,
  );
}

/** Problems of one object, as "path: message" strings; empty when valid. */
function validateObject(obj) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) {
    return ["/: a Kubernetes object must be a mapping"];
  }
  const model = modelFor(obj.apiVersion, obj.kind);
  if (model instanceof Error) {
    return [`/: ${model.message}`];
  }
  const problems = [];
  const seen = new Map();
  try {
    model.prototype.validate.call(watch(obj, "", seen));
  } catch (e) {
    if (!Array.isArray(e.errors)) {
      throw e;
    }
    for (const err of e.errors) {
      problems.push(`${err.instancePath || "/"}: ${describe(err)}`);
    }
  }
  for (const rec of seen.values()) {
    if (rec.listed || rec.read.size === 0 || Array.isArray(rec.target)) {
      continue;
    }
    for (const key of Object.keys(rec.target)) {
      if (!rec.read.has(key)) {
        problems.push(`${rec.path || "/"}: unknown field "${key}"`);
      }
    }
  }
  return [...new Set(problems)];
}

function describe(err) {
  if (err.keyword === "required") {
    return `missing required field "${err.params.missingProperty}"`;
  }
  if (err.keyword === "enum") {
    return `${err.message}: ${JSON.stringify(err.params.allowedValues)}`;
  }
  return err.message;
}

/** A read-recording view of `value`; one record per underlying object, whatever the path. */
function watch(value, path, seen) {
  if (value === null || typeof value !== "object") {
    return value;
  }
  let rec = seen.get(value);
  if (!rec) {
    rec = { target: value, path, read: new Set(), listed: false };
    rec.proxy = new Proxy(value, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string") {
          return v;
        }
        rec.read.add(key);
        return Object.prototype.hasOwnProperty.call(target, key)
          ? watch(v, `${rec.path}/${key}`, seen)
          : v;
      },
      has(target, key) {
        if (typeof key === "string") {
          rec.read.add(key);
        }
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        rec.listed = true;
        return Reflect.ownKeys(target);
      },
    });
    seen.set(value, rec);
  }
  return rec.proxy;
}

module.exports = { validateObject, modelFor };
