/**
 * `stronghold harden`, the pure part: safe fixes as text edits computed from the located parse,
 * so every byte outside an edit is kept (comments, key order, anchors, quoting, blank lines).
 * Fixes: pin `uses:` from the pin manifest (with the version comment), read-only top-level
 * permissions with per-job write scopes that keep what each job needs, `persist-credentials:
 * false` on checkouts of jobs that do not push, and attacker-controllable expressions moved from
 * `run:` into `env:`. Anything else is left for a human (the caller re-audits and lists it).
 */
import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import type { PinManifest } from '../workflows/pins.js';
import { expressionsIn, valueContexts } from './expressions.js';
import { contextTaint } from './taint.js';
import {
  allSteps,
  input,
  isCheckout,
  jobPushes,
  readAction,
  readWorkflow,
  type GhJob,
  type GhStep,
  type GithubUnit,
} from './github-model.js';
import { at, entries, get, pairOf, parseSource, str, type SourceFile } from './located.js';
import { unpinnedReason } from './rules/unpinned-uses.js';
import { tokenNeeds } from './token-needs.js';

export interface HardenChange {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
}

export type HardenNote = HardenChange;

export interface HardenResult {
  readonly path: string;
  readonly text: string;
  readonly changes: readonly HardenChange[];
  /** Fixable kinds of findings that harden chose not to touch, with why. */
  readonly skipped: readonly HardenNote[];
  /** Remote `uses:` refs the pin manifest could not pin (what `--online` resolves). */
  readonly unresolved: readonly RemoteRef[];
}

/** A remote action or reusable workflow reference: `owner/repo` at `ref`. */
export interface RemoteRef {
  readonly repo: string;
  readonly ref: string;
}

/** A ref resolved online (`harden --online`): the commit it points at now. */
export interface ResolvedRef {
  readonly sha: string;
  /** A tag (a release: pinned quietly) or a branch (it moves: pinned with a warning). */
  readonly kind: 'tag' | 'branch';
}

export type ResolvedRefs = ReadonlyMap<string, ResolvedRef>;

/** The key of a ref in {@link ResolvedRefs}: owner/repo is case-insensitive, the ref is not. */
export const refKey = (r: RemoteRef): string => `${r.repo.toLowerCase()}@${r.ref}`;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

class Editor {
  readonly edits: Edit[] = [];
  readonly changes: HardenChange[] = [];
  readonly skipped: HardenNote[] = [];
  readonly unresolved: RemoteRef[] = [];
  constructor(readonly src: SourceFile) {}

  change(node: Node | Pair | undefined, rule: string, message: string, ...edits: Edit[]) {
    this.edits.push(...edits);
    this.changes.push({ file: this.src.path, line: at(this.src, node).line, rule, message });
  }
  skip(node: Node | Pair | undefined, rule: string, message: string) {
    this.skipped.push({ file: this.src.path, line: at(this.src, node).line, rule, message });
  }
  /** Insert new keys before an existing pair of the same map, at that pair's indentation. */
  before(pair: Pair, lines: string[]): Edit {
    const start = (pair.key as Node).range?.[0] ?? 0;
    const indent = ' '.repeat(at(this.src, pair).column - 1);
    return { start, end: start, text: `${lines.join(`\n${indent}`)}\n${indent}` };
  }
  apply(text: string): string {
    // Inserted lines follow the file's line endings (CRLF files stay CRLF).
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    let out = text;
    // From the end backwards; edits at the same place apply last-added first, so in the text
    // they read in the order they were made (a version comment before a with: block after it).
    const order = this.edits.map((e, i) => ({ e, i }));
    order.sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
    for (const { e } of order) {
      out = out.slice(0, e.start) + e.text.replace(/\r?\n/g, eol) + out.slice(e.end);
    }
    return out;
  }
}

const isBlockMap = (n: Node | undefined) => isMap(n) && !n.flow;

/** Where the line containing `from` ends (before its `\r\n` or `\n`; the text's end at EOF). */
function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

function firstPair(node: Node | undefined): Pair | undefined {
  return isMap(node) ? node.items[0] : undefined;
}

/**
 * The trailing comment of a pinned `uses:` line: the version it stands for. A comment that was
 * only a version is replaced; any other comment of the user's is kept after it. Undefined when
 * the rest of the line is not a comment (flow syntax): then nothing is added.
 */
export function versionComment(rest: string, version: string): string | undefined {
  const m = /^\s*(?:#\s?(.*))?$/.exec(rest);
  if (m === null) return undefined;
  const old = (m[1] ?? '').trim();
  return old === '' || /^v?\d[\w.+-]*$/.test(old) || old === version
    ? ` # ${version}`
    : ` # ${version}; ${old}`;
}

/**
 * Actions whose ref selects what they install: pinning must move the ref into this input. `branch`
 * is the branch that carries the action's code (the one its README pins to with the input set).
 */
const REF_AS_INPUT: Record<string, { readonly input: string; readonly branch: string }> = {
  'dtolnay/rust-toolchain': { input: 'toolchain', branch: 'master' },
};

/** Pin `uses:` to the manifest's SHA when the manifest has the same release line. */
function pinUses(
  ed: Editor,
  node: Scalar | undefined,
  pins: PinManifest,
  resolved: ResolvedRefs = new Map(),
  step?: GhStep,
) {
  const value = node?.value;
  if (typeof value !== 'string' || !node?.range || unpinnedReason(value) === undefined) return;
  if (value.startsWith('docker://')) {
    ed.skip(
      node,
      'unpinned-uses',
      `${value}: pin the image digest by hand (harden does not resolve digests)`,
    );
    return;
  }
  const sep = value.lastIndexOf('@');
  const name = sep < 0 ? value : value.slice(0, sep);
  const ref = sep < 0 ? '' : value.slice(sep + 1);
  const repo = name.split('/').slice(0, 2).join('/');
  const toolchain = REF_AS_INPUT[repo.toLowerCase()];
  if (toolchain !== undefined && ref !== '' && !/^[0-9a-f]{40}$/.test(ref)) {
    pinToolchainAction(ed, node, step, { name, repo, ref }, toolchain, resolved);
    return;
  }
  const entry = Object.entries(pins.actions).find(
    ([k]) => k.toLowerCase() === repo.toLowerCase(),
  )?.[1];
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(ref);
  const want = entry && /^v(\d+)\.(\d+)\.(\d+)$/.exec(entry.version);
  const same =
    m &&
    want &&
    m[1] === want[1] &&
    (m[2] === undefined || m[2] === want[2]) &&
    (m[3] === undefined || m[3] === want[3]);
  if (!same && ref !== '' && /^[^/]+\/[^/]+$/.test(repo)) {
    const online = resolved.get(refKey({ repo, ref }));
    if (online !== undefined && /^[0-9a-f]{40}$/.test(online.sha)) {
      const [start, end] = node.range;
      const eol = lineEnd(ed.src.text, end);
      const edits: Edit[] = [{ start, end, text: `${name}@${online.sha}` }];
      const comment = versionComment(ed.src.text.slice(end, eol), ref);
      if (comment !== undefined) edits.push({ start: end, end: eol, text: comment });
      ed.change(
        node,
        'unpinned-uses',
        online.kind === 'branch'
          ? `pinned ${value} to ${online.sha.slice(0, 12)}…, the current commit of branch "${ref}" (warning: a branch moves; review that commit, and prefer a release tag)`
          : `pinned ${value} to ${online.sha.slice(0, 12)}… (tag ${ref}, resolved online)`,
        ...edits,
      );
      return;
    }
    ed.unresolved.push({ repo, ref });
  }
  if (!entry) {
    ed.skip(
      node,
      'unpinned-uses',
      `${repo} is not in the pin manifest: pin it to a full commit SHA by hand, or run harden --online to resolve it through the GitHub API`,
    );
    return;
  }
  if (!same) {
    ed.skip(
      node,
      'unpinned-uses',
      m
        ? `${value}: the pin manifest has ${repo} ${entry.version}, a different release; pin ${ref} by hand or move to ${entry.version} deliberately`
        : `${value} follows the branch or ref "${ref}": resolve it to a commit by hand, or run harden --online`,
    );
    return;
  }
  const [start, end] = node.range;
  const { text } = ed.src;
  const eol = lineEnd(text, end);
  const rest = text.slice(end, eol);
  const edits: Edit[] = [{ start, end, text: `${name}@${entry.sha}` }];
  const comment = versionComment(rest, entry.version);
  if (comment !== undefined) edits.push({ start: end, end: eol, text: comment });
  ed.change(
    node,
    'unpinned-uses',
    `pinned ${value} to ${entry.sha.slice(0, 12)}… (${entry.version})`,
    ...edits,
  );
}

/**
 * `dtolnay/rust-toolchain@stable`: the ref is the toolchain. With --online the action is pinned to
 * the current commit of its code branch and the ref moves into its input, so the step installs
 * what it did before (`with: toolchain: stable`); an input already set keeps its value.
 */
function pinToolchainAction(
  ed: Editor,
  node: Scalar,
  step: GhStep | undefined,
  use: { readonly name: string; readonly repo: string; readonly ref: string },
  toolchain: { readonly input: string; readonly branch: string },
  resolved: ResolvedRefs,
) {
  const { src } = ed;
  const value = `${use.name}@${use.ref}`;
  const online = resolved.get(refKey({ repo: use.repo, ref: toolchain.branch }));
  const by = `with: ${toolchain.input}: ${use.ref}`;
  if (online === undefined || !/^[0-9a-f]{40}$/.test(online.sha)) {
    ed.unresolved.push({ repo: use.repo, ref: toolchain.branch });
    ed.skip(
      node,
      'unpinned-uses',
      `${value}: the ref names the toolchain, not a release; pin a commit SHA and move "${use.ref}" into ${by} (harden --online does both; the action is not in the pin manifest)`,
    );
    return;
  }
  const withNode = step === undefined ? undefined : get(src, step.node, 'with');
  const hasInput = step !== undefined && input(src, step, toolchain.input) !== undefined;
  if (
    step === undefined ||
    !isBlockMap(step.node) ||
    (withNode !== undefined && !hasInput && !(isBlockMap(withNode) && firstPair(withNode)))
  ) {
    ed.skip(
      node,
      'unpinned-uses',
      `${value}: the step or its with: is a flow map: pin it and move "${use.ref}" into ${by} by hand`,
    );
    return;
  }
  const [start, end] = node.range!;
  const eol = lineEnd(src.text, end);
  const edits: Edit[] = [{ start, end, text: `${use.name}@${online.sha}` }];
  const rest = src.text.slice(end, eol);
  const comment = versionComment(rest, toolchain.branch);
  const line = `${toolchain.input}: ${JSON.stringify(use.ref)}`;
  // The rest of the uses: line (its version comment) and a with: block appended after it are one
  // edit, so the two never land in the wrong order.
  let tail = comment ?? rest;
  if (!hasInput) {
    if (withNode !== undefined) {
      edits.push(ed.before(firstPair(withNode)!, [line]));
    } else {
      const usesPair = pairOf(src, step.node, 'uses')!;
      const items = (step.node as { items: Pair[] }).items;
      const next = items[items.indexOf(usesPair) + 1];
      if (next) {
        edits.push(ed.before(next, ['with:', `  ${line}`]));
      } else {
        const indent = ' '.repeat(at(src, usesPair).column - 1);
        tail += `\n${indent}with:\n${indent}  ${line}`;
      }
    }
  }
  if (tail !== rest) edits.push({ start: end, end: eol, text: tail });
  ed.change(
    node,
    'unpinned-uses',
    `pinned ${value} to ${online.sha.slice(0, 12)}…, the current commit of branch "${toolchain.branch}" (warning: a branch moves; review that commit)${hasInput ? '' : `, and moved "${use.ref}" into ${by}`}`,
    ...edits,
  );
}

function persistCredentials(ed: Editor, job: GhJob | undefined, step: GhStep) {
  const { src } = ed;
  if (!isCheckout(step) || !step.uses?.range) return;
  const persist = input(src, step, 'persist-credentials');
  if (persist === 'false' || persist?.includes('${{')) return;
  if (persist !== undefined) {
    ed.skip(
      step.uses,
      'artipacked',
      `persist-credentials: ${persist} is set explicitly: review whether later steps need the token`,
    );
    return;
  }
  if (jobPushes(job)) {
    ed.skip(
      step.uses,
      'artipacked',
      `job ${job?.id ?? ''} pushes: it keeps the credential (give the push its own token step instead)`,
    );
    return;
  }
  if (!isBlockMap(step.node)) {
    ed.skip(
      step.uses,
      'artipacked',
      'the step is a flow map: add persist-credentials: false by hand',
    );
    return;
  }
  const withPair = pairOf(src, step.node, 'with');
  if (withPair) {
    const first = firstPair(get(src, step.node, 'with'));
    if (!first || !isBlockMap(get(src, step.node, 'with'))) {
      ed.skip(
        step.uses,
        'artipacked',
        'with: is empty or a flow map: add persist-credentials: false by hand',
      );
      return;
    }
    ed.change(
      step.uses,
      'artipacked',
      'set persist-credentials: false',
      ed.before(first, ['persist-credentials: false']),
    );
    return;
  }
  const usesPair = pairOf(src, step.node, 'uses')!;
  const next = (step.node as { items: Pair[] }).items[
    (step.node as { items: Pair[] }).items.indexOf(usesPair) + 1
  ];
  if (next) {
    ed.change(
      step.uses,
      'artipacked',
      'set persist-credentials: false',
      ed.before(next, ['with:', '  persist-credentials: false']),
    );
  } else {
    const { text } = ed.src;
    const end = step.uses.range[1];
    const eol = lineEnd(text, end);
    const indent = ' '.repeat(at(src, usesPair).column - 1);
    ed.change(step.uses, 'artipacked', 'set persist-credentials: false', {
      start: eol,
      end: eol,
      text: `\n${indent}with:\n${indent}  persist-credentials: false`,
    });
  }
}

function shellOf(src: SourceFile, unit: GithubUnit, job: GhJob | undefined, step: GhStep): string {
  const explicit =
    str(src, get(src, step.node, 'shell')) ??
    str(src, get(src, get(src, get(src, job?.node, 'defaults'), 'run'), 'shell')) ??
    (unit.kind === 'workflow'
      ? str(src, get(src, get(src, get(src, unit.src.doc.contents, 'defaults'), 'run'), 'shell'))
      : undefined);
  if (explicit) return explicit.split(/\s/)[0] ?? explicit;
  const runner = JSON.stringify(job?.runsOn ? (job.runsOn.toJSON() as unknown) : '');
  return /windows/i.test(runner) ? 'pwsh' : 'bash';
}

function envName(context: string, taken: Set<string>): string {
  const base =
    context
      .replace(/^github\.event\./, '')
      .replace(/^github\./, '')
      .replace(/\[['"]?([\w-]+)['"]?\]/g, '.$1')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase()
      .replace(/^GITHUB_|^RUNNER_/, '')
      .replace(/^(\d)/, '_$1') || 'VALUE';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

function moveExpressions(ed: Editor, unit: GithubUnit, job: GhJob | undefined, step: GhStep) {
  const { src } = ed;
  const run = step.run;
  if (typeof run?.value !== 'string' || !run.range) return;
  const unsafe = expressionsIn(run.value).filter((e) =>
    valueContexts(e.body).some((c) => contextTaint(unit, job, c) !== 'safe'),
  );
  if (unsafe.length === 0) return;
  const shell = shellOf(src, unit, job, step);
  if (!['bash', 'sh', 'pwsh', 'powershell'].includes(shell)) {
    ed.skip(run, 'template-injection', `shell ${shell}: move the expressions into env: by hand`);
    return;
  }
  const runPair = pairOf(src, step.node, 'run');
  if (!runPair || !isBlockMap(step.node)) {
    ed.skip(
      run,
      'template-injection',
      'the step is a flow map: move the expressions into env: by hand',
    );
    return;
  }
  const envNode = get(src, step.node, 'env');
  if (envNode !== undefined && !(isBlockMap(envNode) && firstPair(envNode))) {
    ed.skip(
      run,
      'template-injection',
      'env: is empty, a flow map or an alias: move the expressions into env: by hand',
    );
    return;
  }
  const existing = new Map(entries(src, envNode).map((e) => [str(src, e.value)?.trim(), e.key]));
  const taken = new Set(entries(src, envNode).map((e) => e.key));
  const added: string[] = [];
  const names = new Map<string, string>();
  for (const e of unsafe) {
    if (names.has(e.raw)) continue;
    const reuse = existing.get(e.raw);
    const name = reuse ?? envName(valueContexts(e.body)[0] ?? 'value', taken);
    names.set(e.raw, name);
    if (!reuse)
      added.push(`${name}: ${/[:#'"]|^\s|\s$/.test(e.raw) ? JSON.stringify(e.raw) : e.raw}`);
  }
  const [start, end] = run.range;
  const raw = src.text.slice(start, end);
  const edits: Edit[] = [];
  for (const [expr, name] of names) {
    for (let i = raw.indexOf(expr); i >= 0; i = raw.indexOf(expr, i + expr.length)) {
      const lineStart = raw.lastIndexOf('\n', i) + 1;
      const quotes = (raw.slice(lineStart, i).match(/'/g) ?? []).length;
      const inSingle = quotes % 2 === 1 && run.type !== 'QUOTE_SINGLE';
      const ref = shell.startsWith('p') ? `$env:${name}` : `\${${name}}`;
      if (inSingle && shell.startsWith('p')) {
        ed.skip(
          run,
          'template-injection',
          `${expr} is inside a PowerShell single-quoted string: move it by hand`,
        );
        return;
      }
      edits.push({
        start: start + i,
        end: start + i + expr.length,
        text: inSingle ? `'"${ref}"'` : ref,
      });
    }
  }
  if (edits.length < unsafe.length) {
    ed.skip(
      run,
      'template-injection',
      'the script is folded or escaped in YAML: move the expressions into env: by hand',
    );
    return;
  }
  if (added.length > 0) {
    edits.push(
      envNode
        ? ed.before(firstPair(envNode)!, added)
        : ed.before(runPair, ['env:', ...added.map((a) => `  ${a}`)]),
    );
  }
  ed.change(
    run,
    'template-injection',
    `moved ${[...names.keys()].join(', ')} into env: (${[...names.values()].join(', ')})`,
    ...edits,
  );
}

/** A `permissions: write-all` pair (its value a plain scalar on the key's line). */
function writeAll(pair: Pair | undefined): Scalar | undefined {
  const value = pair?.value;
  return isScalar(value) && value.value === 'write-all' && value.type === 'PLAIN' && value.range
    ? value
    : undefined;
}

/** Replace a `write-all` scalar by a block of scopes, indented under its key. */
function replaceWriteAll(ed: Editor, pair: Pair, value: Scalar, lines: string[]): Edit {
  const indent = ' '.repeat(at(ed.src, pair).column + 1);
  const [from, end] = value.range ?? [0, 0];
  // Take the spaces after `permissions:` too, so no line ends in a space.
  let start = from;
  while (start > 0 && ed.src.text[start - 1] === ' ') start--;
  return { start, end, text: lines.map((l) => `\n${indent}${l}`).join('') };
}

/** Job-level `permissions: write-all` becomes the scopes the job is seen to need. */
function jobWriteAll(ed: Editor, unit: GithubUnit) {
  if (unit.kind !== 'workflow') return;
  for (const job of unit.jobs) {
    const value = writeAll(job.permissions);
    if (!value || !job.permissions) continue;
    const needs = tokenNeeds(ed.src, job);
    if (needs.unknown) {
      ed.skip(
        job.permissions,
        'excessive-permissions',
        `${needs.unknown}: replace permissions: write-all by hand with the scopes it needs`,
      );
      continue;
    }
    const scopes = new Map(needs.scopes);
    if (!scopes.has('contents'))
      scopes.set('contents', { level: 'read', why: 'check out the code' });
    const sorted = [...scopes].sort(([a], [b]) => a.localeCompare(b));
    ed.change(
      job.permissions,
      'excessive-permissions',
      `job ${job.id}: replaced permissions: write-all with ${sorted.map(([k]) => k).join(', ')}`,
      ed.before(
        job.permissions,
        sorted.map(([scope, v]) => `# ${scope}: ${v.level} - ${v.why}`),
      ),
      replaceWriteAll(
        ed,
        job.permissions,
        value,
        sorted.map(([scope, v]) => `${scope}: ${v.level}`),
      ),
    );
  }
}

function topPermissions(ed: Editor, unit: GithubUnit) {
  if (unit.kind !== 'workflow') return;
  const { src } = ed;
  const all = writeAll(unit.permissions);
  if (unit.permissions !== undefined && !all) return;
  const rule = all ? 'excessive-permissions' : 'missing-permissions';
  const jobsPair = pairOf(src, src.doc.contents, 'jobs');
  if (!jobsPair || !isBlockMap(src.doc.contents as Node)) return;
  const bare = unit.jobs.filter((j) => j.permissions === undefined);
  const needs = bare.map((job) => ({ job, needs: tokenNeeds(src, job) }));
  const unknown = needs.find((n) => n.needs.unknown);
  if (unknown) {
    ed.skip(
      all ? unit.permissions : jobsPair,
      rule,
      `${unknown.needs.unknown ?? ''}: ${all ? 'replace permissions: write-all' : 'add permissions'} by hand (top-level contents: read, write scopes per job)`,
    );
    return;
  }
  const edits: Edit[] = [
    all && unit.permissions
      ? replaceWriteAll(ed, unit.permissions, all, ['contents: read'])
      : ed.before(jobsPair, ['permissions:', '  contents: read']),
  ];
  for (const { job, needs: need } of needs) {
    const writes = [...need.scopes];
    if (writes.length === 0) continue;
    const first = firstPair(job.node);
    if (!first || !isBlockMap(job.node)) {
      ed.skip(job.pair, rule, `job ${job.id} is a flow map: add its permissions by hand`);
      return;
    }
    const scopes = new Map(writes);
    if (!scopes.has('contents'))
      scopes.set('contents', { level: 'read', why: 'check out the code' });
    const sorted = [...scopes].sort(([a], [b]) => a.localeCompare(b));
    edits.push(
      ed.before(first, [
        ...sorted.map(([scope, v]) => `# ${scope}: ${v.level} - ${v.why}`),
        'permissions:',
        ...sorted.map(([scope, v]) => `  ${scope}: ${v.level}`),
      ]),
    );
  }
  ed.change(
    all ? unit.permissions : jobsPair,
    rule,
    all
      ? 'replaced top-level permissions: write-all with contents: read (jobs that need more now say so)'
      : 'added top-level permissions: contents: read (jobs that need more now say so)',
    ...edits,
  );
}

/** Harden one workflow (`.github/workflows/*.yml`) or composite action (`action.yml`). */
export function hardenFile(
  path: string,
  text: string,
  pins: PinManifest,
  resolved: ResolvedRefs = new Map(),
): HardenResult {
  const src = parseSource(path, text);
  const ed = new Editor(src);
  if (src.errors.length > 0 || !isMap(src.doc.contents)) {
    ed.skip(undefined, 'invalid-yaml', 'the file does not parse: nothing was changed');
    return { path, text, changes: [], skipped: ed.skipped, unresolved: [] };
  }
  const unit = /(^|\/)action\.ya?ml$/.test(path) ? readAction(src) : readWorkflow(src);
  for (const { job, step } of allSteps(unit)) {
    pinUses(ed, step.uses, pins, resolved, step);
    persistCredentials(ed, job, step);
    moveExpressions(ed, unit, job, step);
  }
  if (unit.kind === 'workflow') {
    for (const job of unit.jobs) pinUses(ed, job.uses, pins, resolved);
  }
  topPermissions(ed, unit);
  jobWriteAll(ed, unit);
  const unresolved = ed.unresolved;
  if (ed.edits.length === 0) return { path, text, changes: [], skipped: ed.skipped, unresolved };
  const out = ed.apply(text);
  const check = parseSource(path, out);
  if (check.errors.length > 0) {
    throw new Error(
      `internal: harden produced invalid YAML for ${path}: ${check.errors[0]?.message ?? ''}`,
    );
  }
  return { path, text: out, changes: ed.changes, skipped: ed.skipped, unresolved };
}
