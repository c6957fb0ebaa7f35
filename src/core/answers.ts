/**
 * Answers: the one declaration of every question Stronghold asks. The CLI options, the Yeoman
 * prompts and validation all come from `questions`. Validation is strict on purpose: every value
 * ends up in Markdown, YAML, JSON or security.txt, so anything outside a narrow alphabet is refused
 * with a message naming the field, instead of being escaped into somebody's repository.
 */
import { ConfigurationError, quoteValue, type FieldIssue } from './errors.js';
import {
  hostIds,
  packageManagerIds,
  packageManagersFor,
  registryIds,
  type HostId,
  type PackageManagerId,
  type RegistryId,
} from './ids.js';
import { instanceUrlProblem, PUBLIC_INSTANCES } from './instance.js';

export interface Answers {
  readonly projectName: string;
  /** `owner/name` (GitLab: `group/sub/name`). */
  readonly repo: string;
  readonly defaultBranch: string;
  readonly host: HostId;
  /**
   * Web root of a self-hosted instance (GitHub Enterprise Server, GitLab self-managed); undefined
   * for github.com / gitlab.com. Every link written into files points there.
   */
  readonly hostUrl: string | undefined;
  /** API root, when it is not the one derived from the web root (`URL/api/v3`, `URL/api/v4`). */
  readonly apiUrl: string | undefined;
  readonly registry: RegistryId;
  /**
   * How the project is built and tested (npm, pnpm, yarn, bun; pip, uv, poetry, hatch; maven,
   * gradle...): every command the workflows run goes through it. Undefined for registry `none`.
   */
  readonly packageManager: PackageManagerId | undefined;
  readonly teamSize: number;
  /** `@user`, `@org/team` (GitLab `@group/sub`), deduplicated, in the order given. */
  readonly maintainers: readonly string[];
  /** `mailto:` or `https:` URI. */
  readonly contact: string;
  readonly encryptionUrl: string | undefined;
  readonly policyUrl: string | undefined;
  readonly preferredLanguages: readonly string[];
  readonly supportedVersions: readonly string[];
  readonly ackHours: number;
  readonly disclosureDays: number;
  readonly signedCommits: boolean;
  /** Opt-in: a scheduled `stronghold check` in CI (issue 12). Undefined or false: none. */
  readonly driftCheck?: boolean | undefined;
}

export type AnswerKey = keyof Answers;
export type RawAnswers = Partial<Record<AnswerKey, unknown>>;

type Kind = 'string' | 'list' | 'integer' | 'boolean' | 'choice';

/** One question: its CLI flag, prompt text and whether `--yes` may fill it from a default. */
export interface Question {
  readonly key: AnswerKey;
  readonly flag: string;
  readonly kind: Kind;
  readonly description: string;
  readonly choices?: readonly string[];
  /** Required questions have no default: with `--yes` a missing value is an error. */
  readonly required: boolean;
  /** Ask interactively even when optional (the common, useful ones). */
  readonly ask: boolean;
  readonly example: string;
}

export const questions: readonly Question[] = [
  {
    key: 'repo',
    flag: 'repo',
    kind: 'string',
    required: true,
    ask: true,
    example: 'acme/widget',
    description: 'Repository slug owner/name (GitLab: group/subgroup/name)',
  },
  {
    key: 'host',
    flag: 'host',
    kind: 'choice',
    choices: hostIds,
    required: false,
    ask: true,
    example: 'github',
    description: 'Where the repository is hosted',
  },
  {
    key: 'hostUrl',
    flag: 'host-url',
    kind: 'string',
    required: false,
    ask: true,
    example: 'https://git.example.com',
    description:
      'Web address of a self-hosted instance (GitHub Enterprise Server, GitLab self-managed); omit for github.com / gitlab.com',
  },
  {
    key: 'apiUrl',
    flag: 'api-url',
    kind: 'string',
    required: false,
    ask: false,
    example: 'https://git.example.com/api/v3',
    description:
      'API address of a self-hosted instance, when it is not --host-url + /api/v3 (GitHub) or /api/v4 (GitLab)',
  },
  {
    key: 'registry',
    flag: 'registry',
    kind: 'choice',
    choices: registryIds,
    required: true,
    ask: true,
    example: 'npm',
    description: 'Package registry releases are published to',
  },
  {
    key: 'packageManager',
    flag: 'package-manager',
    kind: 'choice',
    choices: packageManagerIds,
    required: false,
    ask: false,
    example: 'pnpm',
    description:
      "Package manager the project's CI and release commands use (detected from lockfiles; default: the registry's usual one)",
  },
  {
    key: 'teamSize',
    flag: 'team-size',
    kind: 'integer',
    required: true,
    ask: true,
    example: '2',
    description: 'Number of people with merge rights (1 = solo, 2-5 = small, 6+ = large)',
  },
  {
    key: 'maintainers',
    flag: 'maintainer',
    kind: 'list',
    required: true,
    ask: true,
    example: '@alice',
    description: 'Code owners and release approvers: @user or @org/team (repeatable)',
  },
  {
    key: 'contact',
    flag: 'contact',
    kind: 'string',
    required: true,
    ask: true,
    example: 'mailto:security@example.com',
    description: 'Security contact: mailto: or https: URI',
  },
  {
    key: 'projectName',
    flag: 'project-name',
    kind: 'string',
    required: false,
    ask: false,
    example: 'widget',
    description: 'Project (package) name; defaults to the repository name',
  },
  {
    key: 'defaultBranch',
    flag: 'default-branch',
    kind: 'string',
    required: false,
    ask: false,
    example: 'main',
    description: 'Default branch',
  },
  {
    key: 'encryptionUrl',
    flag: 'encryption',
    kind: 'string',
    required: false,
    ask: false,
    example: 'https://example.com/pgp-key.txt',
    description: 'URL of the key reporters should encrypt with (https: or openpgp4fpr:)',
  },
  {
    key: 'policyUrl',
    flag: 'policy-url',
    kind: 'string',
    required: false,
    ask: false,
    example: 'https://example.com/security-policy',
    description: 'URL of the security policy; defaults to SECURITY.md in the repository',
  },
  {
    key: 'preferredLanguages',
    flag: 'preferred-languages',
    kind: 'list',
    required: false,
    ask: false,
    example: 'en,de',
    description: 'Languages reports may be written in (comma-separated language tags)',
  },
  {
    key: 'supportedVersions',
    flag: 'supported-versions',
    kind: 'list',
    required: false,
    ask: false,
    example: '2.x,1.4.x',
    description: 'Versions that receive security fixes (comma-separated)',
  },
  {
    key: 'ackHours',
    flag: 'ack-hours',
    kind: 'integer',
    required: false,
    ask: false,
    example: '48',
    description: 'Hours within which a report is acknowledged',
  },
  {
    key: 'disclosureDays',
    flag: 'disclosure-days',
    kind: 'integer',
    required: false,
    ask: false,
    example: '90',
    description: 'Days until coordinated public disclosure',
  },
  {
    key: 'signedCommits',
    flag: 'signed-commits',
    kind: 'boolean',
    required: false,
    ask: false,
    example: 'true',
    description: 'Require signed commits on the default branch',
  },
  {
    key: 'driftCheck',
    flag: 'drift-check',
    kind: 'boolean',
    required: false,
    ask: false,
    example: 'true',
    description:
      'Add a scheduled drift check to CI: `stronghold check` weekly and on pull requests (opt-in)',
  },
];

export const questionByKey = new Map(questions.map((q) => [q.key, q]));

export function flagFor(key: AnswerKey): string {
  return `--${questionByKey.get(key)?.flag ?? key}`;
}

const MAX_LEN = 200;
/** Unknown keys listed one by one; the rest are counted. */
const MAX_UNKNOWN_SHOWN = 5;
const MAX_MAINTAINERS = 50;
/** GitHub environments accept at most six required reviewers. */
export const MAX_RELEASE_REVIEWERS = 6;

/**
 * GitHub account: 1-39 characters, letters, digits and single hyphens, not first; a trailing
 * hyphen is accepted because real (older) accounts have one.
 */
const ACCOUNT = '[A-Za-z0-9](?:-?[A-Za-z0-9])*-?';
const githubOwner = new RegExp(`^(?=[A-Za-z0-9-]{1,39}$)${ACCOUNT}$`);
const repoName = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
const gitlabSegment = /^(?!\.)[A-Za-z0-9_.-]{1,100}$/;
const githubUser = new RegExp(`^@(?=[A-Za-z0-9-]{1,39}$)${ACCOUNT}$`);
const githubTeam = new RegExp(
  `^@(?=[A-Za-z0-9-]{1,39}/)${ACCOUNT}/[A-Za-z0-9][A-Za-z0-9_-]{0,99}$`,
);
const gitlabHandle =
  /^@[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}){0,20}$/;
const projectNamePattern = /^(?:@[a-z0-9][a-z0-9._-]{0,100}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;
const branchPattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
const languageTag = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
const versionPattern = /^[A-Za-z0-9][A-Za-z0-9.*+-]{0,31}$/;
/**
 * URL characters that are safe unquoted in Markdown autolinks, YAML and security.txt; a real
 * host name; no `..` anywhere (dot segments are never canonical and hint at path tricks).
 */
const safeUrl =
  /^(?!.*\.\.)https:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%/:=&+@-]*)?(?:\?[A-Za-z0-9._~%/:=&+@-]*)?(?:#[A-Za-z0-9._~%/:=&+@-]*)?$/;
const mailto = /^mailto:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$/;
const fingerprint = /^openpgp4fpr:[0-9A-Fa-f]{40}$/;

/**
 * Near misses: the value the user most likely meant, when it would itself be valid. Only ever a
 * suggestion inside an error message; nothing is rewritten silently.
 */
function didYouMean(candidate: string | undefined, valid: (s: string) => boolean): string {
  return candidate !== undefined && valid(candidate) ? `; did you mean ${candidate}?` : '';
}

/** `http://x` -> `https://x`. */
function httpsFor(text: string): string | undefined {
  return /^http:\/\//i.test(text) ? `https://${text.slice(7)}` : undefined;
}

/** A repository URL or SSH remote -> its slug (`https://github.com/acme/widget.git` -> `acme/widget`). */
function slugFor(text: string): string | undefined {
  const m = /^(?:https?:\/\/[^/]+\/|git@[^:]+:|ssh:\/\/git@[^/]+\/)(.+?)(?:\.git)?\/?$/.exec(text);
  return m?.[1];
}

/** `safeUrl` and a URL the WHATWG parser accepts (this refuses e.g. port 99999). */
function isSafeUrl(text: string): boolean {
  if (!safeUrl.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** A failed check: the message that follows the field name. */
class Invalid {
  constructor(readonly message: string) {}
}
const invalid = (message: string) => new Invalid(message);

type Check<T> = (value: unknown, ctx: { host: HostId }) => T | Invalid;

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Split comma-separated items; only spaces are trimmed (control characters are refused earlier). */
function asList(value: unknown): string[] | undefined {
  const parts = Array.isArray(value)
    ? value.flatMap((v) => (typeof v === 'string' ? v.split(',') : [String(v)]))
    : asString(value)?.split(',');
  return parts?.map((s) => s.replace(/^ +| +$/g, '')).filter((s) => s !== '');
}

/** C0/C1 controls (newline, tab, escape...), DEL, and bidirectional overrides that disguise text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The same, percent-encoded (`%0a` in a mailto: URI is a header-injection classic). */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;

const CONTROL_MESSAGE =
  'contains control characters (newline, tab, escape or direction override, also percent-encoded like %0a); remove them';

/** Percent-decoded text (the whole string), or undefined when it is not valid percent-encoding. */
function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function hasControl(value: unknown): boolean {
  if (typeof value === 'string')
    return (
      CONTROL.test(value) ||
      ENCODED_CONTROL.test(value) ||
      // Direction overrides and other multi-byte controls, percent-encoded (%e2%80%ae).
      CONTROL.test(percentDecoded(value) ?? '')
    );
  if (Array.isArray(value)) return value.some(hasControl);
  return false;
}

function stringField(pattern: RegExp, what: string): Check<string> {
  return (value) => {
    const text = asString(value);
    if (text === undefined) return invalid(`must be text, got ${quoteValue(value)}`);
    if (text.length > MAX_LEN)
      return invalid(`is ${text.length} characters long; at most ${MAX_LEN} are allowed`);
    if (!pattern.test(text)) return invalid(`${quoteValue(text)} is not ${what}`);
    return text;
  };
}

function integerField(min: number, max: number): Check<number> {
  return (value) => {
    const text = asString(value)?.trim();
    const n = text !== undefined && /^[0-9]{1,6}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      return invalid(`${quoteValue(value)} is not a whole number from ${min} to ${max}`);
    }
    return n;
  };
}

const checks: { [K in AnswerKey]: Check<Answers[K]> } = {
  host: (value) =>
    hostIds.includes(value as HostId)
      ? (value as HostId)
      : invalid(`${quoteValue(value)} is not one of ${hostIds.join(', ')}`),
  hostUrl: (value) => instanceUrl(value),
  apiUrl: (value) => instanceUrl(value),
  registry: (value) =>
    registryIds.includes(value as RegistryId)
      ? (value as RegistryId)
      : invalid(`${quoteValue(value)} is not one of ${registryIds.join(', ')}`),
  packageManager: (value) =>
    packageManagerIds.includes(value as PackageManagerId)
      ? (value as PackageManagerId)
      : invalid(`${quoteValue(value)} is not one of ${packageManagerIds.join(', ')}`),
  repo: (value, { host }) => {
    const text = asString(value);
    if (text === undefined)
      return invalid(`must be text like acme/widget, got ${quoteValue(value)}`);
    if (text.length > MAX_LEN)
      return invalid(`is ${text.length} characters long; at most ${MAX_LEN} are allowed`);
    const parts = text.split('/');
    if (host === 'github') {
      const [owner, name] = parts;
      if (parts.length !== 2 || !githubOwner.test(owner ?? '') || !repoName.test(name ?? '')) {
        return invalid(
          `${quoteValue(text)} is not a GitHub owner/name slug (letters, digits, '-', '.', '_'), e.g. acme/widget` +
            didYouMean(slugFor(text), (c) => checks.repo(c, { host }) === c),
        );
      }
    } else if (
      parts.length < 2 ||
      parts.length > 21 ||
      !parts.every((p) => gitlabSegment.test(p) && !/\.(?:git|atom)$/.test(p))
    ) {
      return invalid(
        `${quoteValue(text)} is not a GitLab group/project path (group/subgroup/name), e.g. acme/tools/widget` +
          didYouMean(slugFor(text), (c) => checks.repo(c, { host }) === c),
      );
    }
    return text;
  },
  projectName: stringField(
    projectNamePattern,
    'a package name (letters, digits, ".", "_", "-", optional @scope/)',
  ),
  defaultBranch: (value) => {
    const result = stringField(
      branchPattern,
      'a branch name (letters, digits, ".", "_", "-", "/")',
    )(value, { host: 'github' });
    if (typeof result === 'string') {
      if (result === 'HEAD' || result.startsWith('refs/')) {
        return invalid(
          `${quoteValue(result)} is a git ref, not a branch name: give the short name, e.g. main (not HEAD or refs/heads/main)`,
        );
      }
      if (/\.\.|\/\/|\/$|\.lock$|\.$|\/\./.test(result)) {
        return invalid(
          `${quoteValue(result)} is not a valid git branch name (no "..", "//", leading "." in a component, or trailing "/", "." or ".lock")`,
        );
      }
    }
    return result;
  },
  teamSize: integerField(1, 100000),
  maintainers: (value, { host }) => {
    const list = asList(value);
    if (list === undefined || list.length === 0) {
      return invalid('needs at least one @user or @org/team, e.g. --maintainer @alice');
    }
    if (list.length > MAX_MAINTAINERS)
      return invalid(
        `has ${list.length} entries; at most ${MAX_MAINTAINERS} are allowed (name a team instead)`,
      );
    const bad = list.filter(
      (m) =>
        m.length > MAX_LEN ||
        (host === 'github' ? !githubUser.test(m) && !githubTeam.test(m) : !gitlabHandle.test(m)),
    );
    if (bad.length > 0) {
      const form = host === 'github' ? '@user or @org/team' : '@user or @group/subgroup';
      const first = bad[0] as string;
      return invalid(
        `${bad.map((b) => quoteValue(b)).join(', ')} is not ${form}` +
          didYouMean(first.startsWith('@') ? undefined : `@${first}`, (c) =>
            Array.isArray(checks.maintainers([c], { host })),
          ),
      );
    }
    const seen = new Set<string>();
    return list.filter((m) => {
      const k = m.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  contact: (value) => {
    const text = asString(value);
    if (text === undefined)
      return invalid(`must be a mailto: or https: URI, got ${quoteValue(value)}`);
    if (text.length > MAX_LEN)
      return invalid(`is ${text.length} characters long; at most ${MAX_LEN} are allowed`);
    if (!mailto.test(text) && !isSafeUrl(text)) {
      return invalid(
        `${quoteValue(text)} is not a mailto: or https: URI, e.g. mailto:security@example.com or https://example.com/report` +
          didYouMean(
            /^[^:/]+@/.test(text) ? `mailto:${text}` : httpsFor(text),
            (c) => mailto.test(c) || isSafeUrl(c),
          ),
      );
    }
    return text;
  },
  encryptionUrl: (value) => {
    const text = asString(value);
    if (
      text === undefined ||
      text.length > MAX_LEN ||
      (!isSafeUrl(text) && !fingerprint.test(text))
    ) {
      return invalid(
        `${quoteValue(value)} is not an https: URL or openpgp4fpr: fingerprint, e.g. https://example.com/pgp-key.txt` +
          didYouMean(
            text === undefined
              ? undefined
              : /^[0-9A-Fa-f]{40}$/.test(text)
                ? `openpgp4fpr:${text}`
                : httpsFor(text),
            (c) => isSafeUrl(c) || fingerprint.test(c),
          ),
      );
    }
    return text;
  },
  policyUrl: (value, ctx) => {
    const result = stringField(safeUrl, 'an https: URL, e.g. https://example.com/security-policy')(
      value,
      ctx,
    );
    const text = asString(value);
    if (result instanceof Invalid && text !== undefined)
      return invalid(result.message + didYouMean(httpsFor(text), isSafeUrl));
    return typeof result === 'string' && !isSafeUrl(result)
      ? invalid(`${quoteValue(result)} is not a valid https: URL (check the port: at most 65535)`)
      : result;
  },
  preferredLanguages: (value) => {
    const list = asList(value);
    if (list === undefined || list.length === 0)
      return invalid('needs at least one language tag, e.g. en');
    if (list.length > 20) return invalid(`has ${list.length} entries; at most 20 are allowed`);
    const bad = list.filter((l) => !languageTag.test(l));
    if (bad.length > 0)
      return invalid(
        `${bad.map((b) => quoteValue(b)).join(', ')} is not a language tag like en or pt-BR`,
      );
    return [...new Set(list)];
  },
  supportedVersions: (value) => {
    const list = asList(value);
    if (list === undefined || list.length === 0)
      return invalid('needs at least one version, e.g. 2.x');
    if (list.length > 20) return invalid(`has ${list.length} entries; at most 20 are allowed`);
    const bad = list.filter((v) => !versionPattern.test(v));
    if (bad.length > 0)
      return invalid(
        `${bad.map((b) => quoteValue(b)).join(', ')} is not a version like 2.x, 1.4.x or latest`,
      );
    return [...new Set(list)];
  },
  ackHours: integerField(1, 720),
  disclosureDays: integerField(1, 365),
  signedCommits: booleanField,
  driftCheck: booleanField,
};

/** A self-hosted instance's web or API root (https, no credentials, query or fragment). */
function instanceUrl(value: unknown): string | Invalid {
  const text = asString(value);
  if (text === undefined) return invalid(`must be an https: URL, got ${quoteValue(value)}`);
  const problem = instanceUrlProblem(text);
  return problem === undefined ? text.replace(/\/+$/, '') : invalid(problem);
}

function booleanField(value: unknown): boolean | Invalid {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  return invalid(`${quoteValue(value)} is not true or false`);
}

/** Values `--yes` may fill in; required questions have none. */
function defaultsFor(partial: {
  repo?: string;
  registry?: RegistryId;
}): Partial<Record<AnswerKey, unknown>> {
  const repoTail = partial.repo?.split('/').pop();
  return {
    packageManager:
      partial.registry === undefined ? undefined : packageManagersFor(partial.registry)[0],
    host: 'github',
    defaultBranch: 'main',
    projectName: repoTail,
    preferredLanguages: ['en'],
    supportedVersions: ['latest'],
    ackHours: 48,
    disclosureDays: 90,
    signedCommits: true,
  };
}

/** The default of an optional answer (as `--yes` fills it), for `--help` and prompts. */
export function answerDefault(key: AnswerKey): unknown {
  return defaultsFor({})[key];
}

/** Check one answer on its own (for interactive prompts). Returns the problem, or undefined. */
export function checkField(key: AnswerKey, value: unknown, host: HostId): string | undefined {
  if (hasControl(value)) return CONTROL_MESSAGE;
  const result = (checks[key] as Check<unknown>)(value, { host });
  return result instanceof Invalid ? result.message : undefined;
}

/** Which required answers are missing from `raw` (after saved answers were merged in). */
export function missingRequired(raw: RawAnswers): AnswerKey[] {
  return questions.filter((q) => q.required && isMissing(raw[q.key])).map((q) => q.key);
}

function isMissing(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Validate raw answers (from flags, prompts or a saved .yo-rc.json) and fill defaults.
 * Throws a ConfigurationError listing every problem, each naming its field.
 */
export function validateAnswers(raw: RawAnswers): Answers {
  const issues: FieldIssue[] = [];
  const fieldName = (key: AnswerKey) => `${key} (${flagFor(key)})`;

  const unknownKeys = Object.keys(raw).filter((k) => !questionByKey.has(k as AnswerKey));
  for (const k of unknownKeys.slice(0, MAX_UNKNOWN_SHOWN)) {
    issues.push({
      field: quoteValue(k),
      message: 'is not a known answer; remove it from .yo-rc.json',
    });
  }
  if (unknownKeys.length > MAX_UNKNOWN_SHOWN) {
    // Summarised: a hostile .yo-rc.json with a million keys must not print a million lines.
    issues.push({
      field: '.yo-rc.json',
      message: `and ${unknownKeys.length - MAX_UNKNOWN_SHOWN} more unknown answers; remove them`,
    });
  }

  const hostCheck = checks.host(raw.host ?? 'github', { host: 'github' });
  const host: HostId = hostCheck instanceof Invalid ? 'github' : hostCheck;
  const repoText = typeof raw.repo === 'string' ? raw.repo : undefined;
  const registryCheck = checks.registry(raw.registry, { host });
  const defaults = defaultsFor({
    ...(repoText === undefined ? {} : { repo: repoText }),
    ...(registryCheck instanceof Invalid ? {} : { registry: registryCheck }),
  });

  const out: Record<string, unknown> = {};
  for (const q of questions) {
    let value = raw[q.key];
    if (hasControl(value)) {
      issues.push({
        field: fieldName(q.key),
        message: CONTROL_MESSAGE,
      });
      continue;
    }
    if (isMissing(value)) {
      if (q.required) {
        issues.push({
          field: fieldName(q.key),
          message: `is required: ${q.description}, e.g. ${flagFor(q.key)} ${q.example}`,
        });
        continue;
      }
      value = defaults[q.key];
      if (value === undefined) {
        out[q.key] = undefined;
        continue;
      }
    }
    const result = (checks[q.key] as Check<unknown>)(value, { host });
    if (result instanceof Invalid) {
      issues.push({ field: fieldName(q.key), message: result.message });
    } else {
      out[q.key] = result;
    }
  }

  if (issues.length === 0) {
    const answers = out as unknown as Answers;
    issues.push(
      ...crossFieldIssues(answers).map((i) => ({ ...i, field: fieldName(i.field as AnswerKey) })),
    );
    if (issues.length === 0) return answers;
  }
  throw new ConfigurationError(issues);
}

/** Whether a package manager fits the registry's toolchain (never, for registry `none`). */
export function packageManagerFits(registry: RegistryId, pm: unknown): boolean {
  return packageManagersFor(registry).includes(pm as PackageManagerId);
}

function crossFieldIssues(a: Answers): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (a.packageManager !== undefined && !packageManagerFits(a.registry, a.packageManager)) {
    const fits = packageManagersFor(a.registry);
    issues.push({
      field: 'packageManager',
      message:
        fits.length === 0
          ? `${a.packageManager} does not apply to --registry none (nothing is built or published); remove --package-manager`
          : `${a.packageManager} does not build ${a.registry} packages; --package-manager must be one of ${fits.join(', ')} for --registry ${a.registry}`,
    });
  }
  const hasTeam = a.maintainers.some((m) => m.includes('/'));
  if (a.teamSize >= 2 && a.maintainers.length < 2 && !hasTeam) {
    issues.push({
      field: 'maintainers',
      message: `a team of ${a.teamSize} needs at least two maintainers or a team handle, so that someone other than the author can approve; add --maintainer @another or --maintainer @org/team`,
    });
  }
  if (
    a.registry !== 'none' &&
    a.host === 'github' &&
    a.maintainers.length > MAX_RELEASE_REVIEWERS
  ) {
    issues.push({
      field: 'maintainers',
      message: `${a.maintainers.length} release approvers given; GitHub environments accept at most ${MAX_RELEASE_REVIEWERS} required reviewers. Name a team (@org/team) instead`,
    });
  }
  const hostname = a.hostUrl === undefined ? undefined : new URL(a.hostUrl).hostname.toLowerCase();
  const other = hostIds.find(
    (h) => h !== a.host && new URL(PUBLIC_INSTANCES[h].webUrl).hostname === hostname,
  );
  if (other !== undefined) {
    issues.push({
      field: 'hostUrl',
      message: `${a.hostUrl} is the public ${other} instance, not a ${a.host} one; pass --host ${other} and leave out --host-url`,
    });
  }
  if (a.ackHours > a.disclosureDays * 24) {
    issues.push({
      field: 'ackHours',
      message: `acknowledging after ${a.ackHours} hours is later than disclosure after ${a.disclosureDays} days; lower --ack-hours or raise --disclosure-days`,
    });
  }
  return issues;
}
