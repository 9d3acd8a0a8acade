#!/usr/bin/env node
"use strict";
// Offline validation of igstream's deployment artifacts; no cluster, no Docker engine, no network.
//   node tools/validate/validate.js [--root DIR]
//   node tools/validate/validate.js --render k8s/overlays/cpu    (the rendered objects, as JSON)
// - every k8s/overlays/* rendered (lib/kustomize.js) and each object checked against the
//   Kubernetes / KEDA / Prometheus Operator schema of its kind, unknown fields included;
// - docker/Dockerfile* linted with dockerfilelint;
// - docker/compose.yaml checked against the Compose Specification schema.
// Prints one line per artifact; exit 0 when all are valid, 1 when any is not, 2 on bad usage.
const fs = require("fs");
const path = require("path");
const { render } = require("./lib/kustomize");
const { validateObject } = require("./lib/kubernetes");
const { lintDockerfile } = require("./lib/dockerfiles");
const { validateCompose } = require("./lib/compose");

function parseArgs(argv) {
  const args = { root: path.resolve(__dirname, "..", "..") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--root" && i + 1 < argv.length) {
      args.root = path.resolve(argv[++i]);
    } else if (argv[i] === "--render" && i + 1 < argv.length) {
      args.render = path.resolve(argv[++i]);
    } else {
      usage(`unknown argument ${argv[i]}`);
    }
  }
  for (const dir of ["k8s/overlays", "docker"]) {
    if (!fs.existsSync(path.join(args.root, dir))) {
      usage(`${path.join(args.root, dir)} not found: point --root at the repository`);
    }
  }
  return args;
}

function usage(problem) {
  console.error(
    `validate: ${problem}\n` +
      "usage: node tools/validate/validate.js [--root REPOSITORY] | --render KUSTOMIZATION_DIR",
  );
  process.exit(2);
}

/** [{ name, problems }] for every artifact under root. */
function checkAll(root) {
  const results = [];
  const overlays = path.join(root, "k8s", "overlays");
  for (const name of fs.readdirSync(overlays).sort()) {
    const dir = path.join(overlays, name);
    if (fs.statSync(dir).isDirectory()) {
      results.push(...checkOverlay(root, dir));
    }
  }
  const docker = path.join(root, "docker");
  for (const name of fs.readdirSync(docker).sort()) {
    const file = path.join(docker, name);
    if (name.startsWith("Dockerfile")) {
      results.push(check(path.relative(root, file), () => lintDockerfile(file)));
    }
  }
  const compose = path.join(docker, "compose.yaml");
  results.push(check(path.relative(root, compose), () => validateCompose(compose)));
  return results;
}

function checkOverlay(root, dir) {
  const where = path.relative(root, dir);
  let rendered;
  try {
    rendered = render(dir, root);
  } catch (e) {
    return [{ name: where, problems: [e.message] }];
  }
  if (rendered.length === 0) {
    return [{ name: where, problems: ["renders no objects"] }];
  }
  return rendered.map(({ doc, file }) => {
    const id = `${doc.kind}/${doc.metadata && doc.metadata.name}`;
    return check(`${where}: ${id} (${file})`, () => validateObject(doc));
  });
}

function check(name, run) {
  try {
    return { name, problems: run() };
  } catch (e) {
    return { name, problems: [e.message] };
  }
}

function main() {
  const { root, render: overlay } = parseArgs(process.argv.slice(2));
  if (overlay) {
    try {
      console.log(JSON.stringify(render(overlay, root).map((r) => r.doc), null, 2));
      process.exit(0);
    } catch (e) {
      console.error(`validate: ${e.message}`);
      process.exit(1);
    }
  }
  const results = checkAll(root);
  let invalid = 0;
  for (const { name, problems } of results) {
    if (problems.length === 0) {
      console.log(`ok      ${name}`);
    } else {
      invalid++;
      console.log(`INVALID ${name}`);
      problems.forEach((p) => console.log(`          ${p}`));
    }
  }
  console.log(
    invalid === 0
      ? `validate: all ${results.length} deployment artifacts are valid`
      : `validate: ${invalid} of ${results.length} deployment artifacts are invalid`,
  );
  process.exit(invalid === 0 ? 0 : 1);
}

main();
