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
  // stronghold plan (reads)
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/vulnerability-alerts',
  'GET /repos/{owner}/{repo}/automated-security-fixes',
  'GET /repos/{owner}/{repo}/private-vulnerability-reporting',
  'GET /repos/{owner}/{repo}/immutable-releases',
  'GET /repos/{owner}/{repo}/actions/permissions/workflow',
  'GET /repos/{owner}/{repo}/rulesets',
  'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'GET /repos/{owner}/{repo}/environments/{environment_name}',
  'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
  'GET /users/{username}',
  'GET /orgs/{org}/teams/{team_slug}',
  'GET /orgs/{org}',
  'GET /apps/{app_slug}',
  // stronghold apply (writes)
  'PATCH /repos/{owner}/{repo}',
  'PUT /repos/{owner}/{repo}/vulnerability-alerts',
  'DELETE /repos/{owner}/{repo}/vulnerability-alerts',
  'PUT /repos/{owner}/{repo}/automated-security-fixes',
  'DELETE /repos/{owner}/{repo}/automated-security-fixes',
  'PUT /repos/{owner}/{repo}/private-vulnerability-reporting',
  'DELETE /repos/{owner}/{repo}/private-vulnerability-reporting',
  'PUT /repos/{owner}/{repo}/immutable-releases',
  'DELETE /repos/{owner}/{repo}/immutable-releases',
  'PUT /repos/{owner}/{repo}/actions/permissions/workflow',
  'POST /repos/{owner}/{repo}/rulesets',
  'PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}',
  'PUT /repos/{owner}/{repo}/environments/{environment_name}',
  'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
  'DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}',
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
    // Documented status codes: the fake server answers only with these.
    responseStatuses: Object.keys(op.responses ?? {}).map(Number),
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

// The same operations as a valid OpenAPI 3.0 document (paths verbatim from the description), so
// `prism mock` can serve them without the 385 MB package: the optional contract suite uses it.
const subset = {
  openapi: spec.openapi,
  info: { ...spec.info, title: `${spec.info.title} (Stronghold subset)` },
  servers: spec.servers,
  paths: {},
};
for (const key of OPERATIONS) {
  const [method, path] = key.split(' ');
  subset.paths[path] ??= {};
  subset.paths[path][method.toLowerCase()] = spec.paths[path][method.toLowerCase()];
}
const subsetTarget = new URL(
  '../test/fixtures/github-openapi/subset.openapi.json',
  import.meta.url,
);
writeFileSync(subsetTarget, JSON.stringify(subset) + '\n');
console.log(
  `wrote ${Object.keys(operations).length} operations from ${out.source} (spec ${out.specVersion})`,
);
