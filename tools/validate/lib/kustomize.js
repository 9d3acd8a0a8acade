"use strict";
// The part of kustomize that k8s/ uses, so the overlays can be rendered with no kustomize binary
// (none installs from npm or Maven Central; Debian's kubectl 1.20 embeds kustomize v2, which
// predates `labels:`). Anything else in a kustomization.yaml is refused, never ignored, so the
// render cannot silently differ from `kubectl kustomize`. Semantics follow kustomize v5:
//   resources  files (multi-document YAML) and directories holding a kustomization.yaml; a file
//              must lie inside the kustomization's directory (kustomize's default load restrictor)
//   labels     `pairs` added to metadata.labels of every resource accumulated so far; with
//              includeSelectors/includeTemplates false (their default) selectors and pod
//              templates are left alone
//   images     `name` matched against container images (registry/repo without tag or digest);
//              newName, newTag and digest replace those parts
// A kustomization's transformers apply to everything it accumulated, including what its
// sub-kustomizations rendered (so an overlay's `images` reaches the base's resources).
const fs = require("fs");
const path = require("path");
const { readDocuments, readOne } = require("./yaml-files");

const FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const FIELDS = new Set(["apiVersion", "kind", "resources", "labels", "images"]);
const LABEL_FIELDS = new Set(["pairs", "includeSelectors", "includeTemplates"]);
const IMAGE_FIELDS = new Set(["name", "newName", "newTag", "digest"]);

function kustomizationFile(dir) {
  return FILE_NAMES.map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
}

/** Renders the kustomization in `dir`: [{ doc, file }] with `file` the source of each object. */
function render(dir, root = dir) {
  const file = kustomizationFile(dir);
  if (!file) {
    throw new Error(`${rel(root, dir)}: no kustomization.yaml`);
  }
  const k = readOne(file);
  const where = rel(root, file);
  const unknown = Object.keys(k).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) {
    throw new Error(
      `${where}: unsupported kustomization field(s) ${unknown.join(", ")}: the offline ` +
        `renderer knows ${[...FIELDS].join(", ")} (extend tools/validate/lib/kustomize.js)`,
    );
  }
  if (k.apiVersion !== "kustomize.config.k8s.io/v1beta1" || k.kind !== "Kustomization") {
    throw new Error(`${where}: apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization`);
  }
  const out = [];
  for (const entry of k.resources || []) {
    const target = path.resolve(dir, String(entry));
    if (!fs.existsSync(target)) {
      throw new Error(`${where}: resource ${entry} does not exist`);
    }
    if (fs.statSync(target).isDirectory()) {
      out.push(...render(target, root));
    } else {
      if (path.relative(dir, target).startsWith("..")) {
        throw new Error(`${where}: file ${entry} lies outside the kustomization's directory`);
      }
      readDocuments(target).forEach((doc) => out.push({ doc, file: rel(root, target) }));
    }
  }
  for (const l of k.labels || []) {
    applyLabels(where, l, out);
  }
  for (const image of k.images || []) {
    applyImage(where, image, out);
  }
  const seen = new Set();
  for (const { doc, file: f } of out) {
    const id = `${doc.apiVersion} ${doc.kind}/${doc.metadata && doc.metadata.name}`;
    if (seen.has(id)) {
      throw new Error(`${where}: ${id} (from ${f}) is defined twice`);
    }
    seen.add(id);
  }
  return out;
}

function applyLabels(where, l, out) {
  const extra = Object.keys(l).filter((key) => !LABEL_FIELDS.has(key));
  if (extra.length > 0 || l.includeSelectors === true || l.includeTemplates === true) {
    throw new Error(
      `${where}: labels entries support only pairs (includeSelectors/includeTemplates false)`,
    );
  }
  for (const { doc } of out) {
    doc.metadata = doc.metadata || {};
    doc.metadata.labels = { ...(doc.metadata.labels || {}), ...l.pairs };
  }
}

function applyImage(where, image, out) {
  const extra = Object.keys(image).filter((key) => !IMAGE_FIELDS.has(key));
  if (extra.length > 0 || !image.name) {
    throw new Error(`${where}: images entries take name and newName/newTag/digest only`);
  }
  for (const { doc } of out) {
    forEachContainer(doc, (c) => {
      if (typeof c.image !== "string") {
        return;
      }
      const ref = parseImage(c.image);
      if (ref.name !== image.name) {
        return;
      }
      const name = image.newName || ref.name;
      const tag = image.newTag !== undefined ? String(image.newTag) : ref.tag;
      const digest = image.digest || ref.digest;
      c.image = name + (digest ? `@${digest}` : tag ? `:${tag}` : "");
    });
  }
}

/** Every containers/initContainers entry anywhere in the object (pod specs of any workload). */
function forEachContainer(node, fn) {
  if (Array.isArray(node)) {
    node.forEach((n) => forEachContainer(n, fn));
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
        value.forEach(fn);
      }
      forEachContainer(value, fn);
    }
  }
}

/** registry/repo[:tag][@digest]; a colon before the last slash belongs to a registry port. */
function parseImage(image) {
  let rest = image;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

function rel(root, p) {
  return path.relative(root, p) || ".";
}

module.exports = { render, parseImage };
