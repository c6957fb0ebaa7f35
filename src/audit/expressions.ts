/**
 * GitHub Actions expressions (`${{ ... }}`): finding them in a string and telling which context
 * references an expression's *value* can carry attacker-controlled text. An expression that only
 * yields a boolean (`contains(...)`, `a == 'b'`) injects nothing, whatever it reads.
 */

export interface Expression {
  /** The text between `${{` and `}}`, trimmed. */
  readonly body: string;
  /** The whole `${{ ... }}` as written. */
  readonly raw: string;
  readonly index: number;
}

/** Every `${{ ... }}` in a string; `}}` inside a quoted string literal does not end one. */
export function expressionsIn(text: string): Expression[] {
  const out: Expression[] = [];
  let i = text.indexOf('${{');
  while (i >= 0) {
    let j = i + 3;
    let quoted = false;
    for (; j < text.length - 1; j++) {
      const c = text[j];
      if (c === "'") quoted = !quoted;
      else if (!quoted && c === '}' && text[j + 1] === '}') break;
    }
    if (j >= text.length - 1) break;
    const raw = text.slice(i, j + 2);
    out.push({ body: raw.slice(3, -2).trim(), raw, index: i });
    i = text.indexOf('${{', j + 2);
  }
  return out;
}

const CONTEXT =
  /(?<![\w.-])(github|inputs|steps|needs|env|matrix|secrets|vars|jobs|runner|strategy|job)((?:\.[A-Za-z_*][\w*-]*|\[[^\]]*\])*)/g;

/** Context references in an expression body, with string literals removed first. */
export function contextsIn(body: string): string[] {
  const code = stripStrings(body);
  return [...code.matchAll(CONTEXT)].map((m) => `${m[1]}${m[2] ?? ''}`);
}

/** `a['b']` -> `a.b` (so indexing survives), then string literals blanked. */
function stripStrings(body: string): string {
  return body.replace(/\[\s*'([\w-]+)'\s*\]/g, '.$1').replace(/'(?:[^']|'')*'/g, "''");
}

const BOOLEAN_CALL =
  /\b(contains|startsWith|endsWith|success|failure|always|cancelled|hashFiles)\s*\(/gi;

/** Drop calls whose result is a boolean (or a hash): their arguments never reach the output. */
function withoutBooleanCalls(code: string): string {
  let out = code;
  for (;;) {
    BOOLEAN_CALL.lastIndex = 0;
    const m = BOOLEAN_CALL.exec(out);
    if (!m) return out;
    let depth = 0;
    let end = m.index + m[0].length - 1;
    for (; end < out.length; end++) {
      if (out[end] === '(') depth++;
      else if (out[end] === ')' && --depth === 0) break;
    }
    out = `${out.slice(0, m.index)}true${out.slice(end + 1)}`;
  }
}

/**
 * The context references whose value can end up in the expression's result. In `a && b` the
 * value of `a` comes out only when it is falsy ('', 0, false, null), which injects nothing, so
 * only the last operand of each `&&` chain counts: `inputs.x && '--x' || ''` yields a literal
 * (zizmor issue #1139). Parentheses are not parsed, which can only keep a context, never drop one
 * that reaches the result.
 */
export function valueContexts(body: string): string[] {
  const code = withoutBooleanCalls(stripStrings(body));
  return code
    .split('||')
    .map((chain) => chain.split('&&').pop() ?? '')
    .filter((operand) => !/==|!=|<=|>=|<|>|^\s*!/.test(operand))
    .flatMap((operand) => contextsIn(operand));
}

/** How much an attacker can control a context's value. */
export type Taint = 'attacker' | 'indirect' | 'safe';

/** Parts of `github.event` whose values are numbers, ids, hashes, dates or fixed words. */
const SAFE_EVENT_LEAF =
  /\.(number|id|node_id|sha|before|after|head_sha|base_sha|merge_commit_sha|created_at|updated_at|closed_at|merged_at|merged|draft|locked|state|action|author_association|run_id|run_number|run_attempt|workflow_id|check_suite_id|size|forced|deleted|created|commits_count|additions|deletions|changed_files|comments|review_comments|html_url|url|private|fork|default_branch|visibility|type|site_admin|conclusion|status|event|installation|login|full_name)$/;

const SAFE_GITHUB = new Set([
  'github.sha',
  'github.run_id',
  'github.run_number',
  'github.run_attempt',
  'github.repository',
  'github.repository_id',
  'github.repository_owner',
  'github.repository_owner_id',
  'github.event_name',
  'github.workflow',
  'github.workflow_ref',
  'github.workflow_sha',
  'github.job',
  'github.action',
  'github.action_path',
  'github.server_url',
  'github.api_url',
  'github.graphql_url',
  'github.workspace',
  'github.token',
  'github.retention_days',
  'github.actor',
  'github.actor_id',
  'github.triggering_actor',
  'github.ref_type',
  'github.ref_protected',
  'github.path',
  'github.env',
  'github.output',
  'github.step_summary',
  // (full_name and login are safe as event leaves, below: repository and user names allow no
  // shell metacharacters.)
  'github.event.repository.name',
]);

/** Attacker-controlled text (titles, bodies, branch names, commit messages, inputs from forks). */
export function taintOf(context: string): Taint {
  const c = context.replace(/\[['"]?([\w-]+)['"]?\]/g, '.$1');
  if (c.startsWith('github.')) {
    if (SAFE_GITHUB.has(c)) return 'safe';
    if (c === 'github.head_ref') return 'attacker';
    // workflow_dispatch inputs: typed by the workflow, set by people with write access.
    if (c.startsWith('github.event.inputs.')) return 'indirect';
    // The whole event (toJSON(github.event)) carries every title and body in it.
    if (c === 'github.event') return 'attacker';
    if (c.startsWith('github.event.')) {
      return SAFE_EVENT_LEAF.test(c) ? 'safe' : 'attacker';
    }
    // github.ref, github.ref_name, github.base_ref: branch names, writable by anyone with push.
    return 'indirect';
  }
  if (/^(runner|strategy|job)\b/.test(c) || c.startsWith('secrets.')) return 'safe';
  // success, failure, cancelled or skipped (zizmor issue #2197).
  if (/^(steps\.[\w-]+\.(outcome|conclusion)|needs\.[\w-]+\.result)$/.test(c)) return 'safe';
  // inputs, step and job outputs, env, matrix and vars carry whatever was put in them.
  return 'indirect';
}
