/**
 * Wrappers around independent validators nobody on this project wrote, plus our own RFC 9116
 * check. Each returns findings (empty = valid) so tests can assert "zero findings" and, in the
 * self-tests, that a broken input is caught.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** Write files under a fresh temp directory; returns its path. */
export function materialise(files: readonly OutputFile[], prefix = 'stronghold-out-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  return dir;
}

/** yamllint --strict with its default configuration, on every given YAML file. */
export function yamllint(dir: string, paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const r = spawnSync('yamllint', ['--strict', '-f', 'parsable', ...paths], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return r.stdout.split('\n').filter((l) => l.trim() !== '');
}

const secretlintBin = join(repoRoot, 'node_modules/.bin/secretlint');

/** secretlint with the recommended preset on every given file. */
export function secretlint(dir: string, paths: readonly string[]): string[] {
  const config = join(dir, '.secretlintrc.test.json');
  writeFileSync(
    config,
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  const r = spawnSync(
    secretlintBin,
    ['--secretlintrc', config, '--format', 'json', '--no-color', ...paths],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
      // The JSON report echoes every file: past the 1 MiB default the child is killed.
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status === 0) return [];
  try {
    const results = JSON.parse(r.stdout) as {
      filePath: string;
      messages: { message: string; ruleId: string }[];
    }[];
    const findings = results.flatMap((res) =>
      res.messages.map((m) => `${res.filePath}: ${m.ruleId}: ${m.message}`),
    );
    if (findings.length > 0) return findings;
  } catch {
    // fall through: report the raw output
  }
  return [`secretlint exited ${r.status}: ${r.stdout}${r.stderr}`];
}

interface CodeownersResult {
  duplicated: Set<string>;
  unmatched: Set<string>;
}
const codeowners = require('@snyk/github-codeowners/dist/lib/ownership') as {
  validate(options: { codeowners: string; dir: string }): Promise<CodeownersResult>;
};

/** @snyk/github-codeowners validate: owner syntax (throws), duplicates, rules matching no file. */
export async function validateCodeowners(
  dir: string,
  codeownersPath: string,
): Promise<{ error?: string; duplicated: string[]; unmatched: string[] }> {
  // The library also logs the error with its stack to console.error; the finding is returned
  // instead, so a test run shows no stack trace for a refusal a self-test expects.
  const log = console.error;
  console.error = () => undefined;
  try {
    const r = await codeowners.validate({ codeowners: join(dir, codeownersPath), dir });
    return { duplicated: [...r.duplicated], unmatched: [...r.unmatched] };
  } catch (error) {
    return { error: (error as Error).message, duplicated: [], unmatched: [] };
  } finally {
    console.error = log;
  }
}

interface OperationFixture {
  specVersion: string;
  operations: Record<string, { requestBody: object | null }>;
}
export const openapiFixture = JSON.parse(
  readFileSync(join(repoRoot, 'test/fixtures/github-openapi/operations.json'), 'utf8'),
) as OperationFixture;

/** OpenAPI 3.0 `nullable` is not JSON Schema: turn it into a type union ajv understands. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'nullable' || k === 'example' || k === 'examples') continue;
    out[k] = toJsonSchema(v);
  }
  const s = schema as { nullable?: boolean; type?: string | string[] };
  if (s.nullable === true && typeof s.type === 'string') out['type'] = [s.type, 'null'];
  return out;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
/** Validate a request body against GitHub's official description of one operation. */
export function githubRequestBodyErrors(operation: string, body: unknown): string[] {
  const op = openapiFixture.operations[operation];
  if (!op?.requestBody) throw new Error(`no request body schema for ${operation} in the fixture`);
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const validate = ajv.compile(toJsonSchema(op.requestBody) as object);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** Validate JSON data against a JSON Schema (draft-07), e.g. a generated settings file. */
export function jsonSchemaErrors(schema: object, data: unknown): string[] {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export { checkSecurityTxt } from './security-txt.js';
