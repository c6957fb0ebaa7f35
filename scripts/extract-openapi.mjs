#!/usr/bin/env node
// Extracts the operations Stronghold uses from GitHub's official REST description
// (@octokit/openapi, generated/api.github.com.deref.json) into a small committed fixture, so the
// test suite validates against GitHub's own schemas without installing the 385 MB package.
//
//   npm install --no-save --prefix /tmp/oa @octokit/openapi@23.0.2
//   node scripts/extract-openapi.mjs /tmp/oa/node_modules/@octokit/openapi
//
// Schemas are copied verbatim (already dereferenced by GitHub's generator); nothing is edited.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** method + path of every operation Stronghold calls. Add a line when a new call is made. */
export const OPERATIONS = [
  'POST /repos/{owner}/{repo}/rulesets',
  'PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}',
];

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: node scripts/extract-openapi.mjs <path to @octokit/openapi>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const spec = JSON.parse(readFileSync(join(pkgDir, 'generated/api.github.com.deref.json'), 'utf8'));
const operations = {};
for (const key of OPERATIONS) {
  const [method, path] = key.split(' ');
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${key} is not in the description`);
  const success = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
  operations[key] = {
    operationId: op.operationId,
    parameters: op.parameters ?? [],
    requestBody: op.requestBody?.content?.['application/json']?.schema ?? null,
    requestBodyRequired: op.requestBody?.required ?? false,
    successStatus: success ? Number(success[0]) : null,
  };
}
const out = {
  source: `${pkg.name}@${pkg.version} generated/api.github.com.deref.json`,
  specVersion: spec.info.version,
  extractedBy: 'scripts/extract-openapi.mjs',
  operations,
};
const target = new URL('../test/fixtures/github-openapi/operations.json', import.meta.url);
writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(
  `wrote ${Object.keys(operations).length} operations from ${out.source} (spec ${out.specVersion})`,
);
