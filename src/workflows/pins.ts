/**
 * Action pins are data: one manifest (action -> full commit SHA + version) read by the workflow
 * model and rendered `uses: owner/repo@<40-hex> # vX.Y.Z`. The manifest ships in `data/` and is
 * refreshed by `stronghold pins update`; nothing here does I/O.
 */
import manifestJson from '../../data/action-pins.json' with { type: 'json' };
import { ConfigurationError } from '../core/errors.js';

export const PIN_MANIFEST_PATH = 'data/action-pins.json';
export const PIN_MANIFEST_VERSION = 1;

export interface PinEntry {
  /** The release tag the SHA was resolved from, e.g. `v4.2.1`. */
  readonly version: string;
  /** Full 40-hex commit SHA (annotated tags dereferenced to their commit). */
  readonly sha: string;
  /** Commit date, when known. */
  readonly date?: string;
  readonly tagType?: 'annotated' | 'lightweight';
  /** The documented moving `@vN` ref is a branch, not a tag, in this repository. */
  readonly majorBranch?: string;
  /** The entry was taken from an old snapshot: refresh it online before relying on it. */
  readonly stale?: boolean;
  readonly note?: string;
}

export interface PinManifest {
  readonly schemaVersion: number;
  /** Day the manifest was last resolved (YYYY-MM-DD). */
  readonly generated: string;
  readonly source: string;
  readonly actions: Readonly<Record<string, PinEntry>>;
}

/** A `uses:` reference resolved against the manifest. */
export interface PinnedRef {
  /** `owner/repo[/path]@<sha>` */
  readonly ref: string;
  readonly version: string;
}

const SHA = /^[0-9a-f]{40}$/;
const VERSION = /^v[0-9]+\.[0-9]+\.[0-9]+$/;
const REPO = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export function isPinnedSha(value: string): boolean {
  return SHA.test(value);
}

/** Validate an untrusted manifest value (the shipped file, or one `pins update` is about to write). */
export function parsePinManifest(value: unknown, where = PIN_MANIFEST_PATH): PinManifest {
  const issues: { field: string; message: string }[] = [];
  const fail = (field: string, message: string) =>
    issues.push({ field: `${where} ${field}`, message });
  if (typeof value !== 'object' || value === null) {
    throw new ConfigurationError([{ field: where, message: 'is not a JSON object' }]);
  }
  const v = value as Record<string, unknown>;
  if (v['schemaVersion'] !== PIN_MANIFEST_VERSION) {
    fail('schemaVersion', `must be ${PIN_MANIFEST_VERSION}`);
  }
  if (typeof v['generated'] !== 'string' || !DAY.test(v['generated'])) {
    fail('generated', 'must be a date YYYY-MM-DD');
  }
  const actions = v['actions'];
  if (typeof actions !== 'object' || actions === null || Array.isArray(actions)) {
    fail('actions', 'must be an object of owner/repo -> { version, sha }');
  } else {
    for (const [name, entry] of Object.entries(actions as Record<string, unknown>)) {
      if (!REPO.test(name)) fail(`actions.${name}`, 'is not an owner/repo name');
      const e = (entry ?? {}) as Record<string, unknown>;
      if (typeof e['sha'] !== 'string' || !SHA.test(e['sha'])) {
        fail(`actions.${name}.sha`, 'must be a full 40-character lowercase hex commit SHA');
      }
      if (typeof e['version'] !== 'string' || !VERSION.test(e['version'])) {
        fail(`actions.${name}.version`, 'must be a release tag like v1.2.3');
      }
    }
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  return {
    schemaVersion: PIN_MANIFEST_VERSION,
    generated: v['generated'] as string,
    source: typeof v['source'] === 'string' ? v['source'] : '',
    actions: actions as Record<string, PinEntry>,
  };
}

/** The manifest bundled with this version of Stronghold. */
export const bundledPins: PinManifest = parsePinManifest(manifestJson);

/** `owner/repo` of an action reference that may name a sub-action (`github/codeql-action/init`). */
export function actionRepo(action: string): string {
  return action.split('/').slice(0, 2).join('/');
}

/** Resolve an action against the manifest. Unknown actions are an internal error: never unpinned. */
export function pinAction(manifest: PinManifest, action: string): PinnedRef {
  const entry = manifest.actions[actionRepo(action)];
  if (entry === undefined) {
    throw new Error(`internal: action ${action} has no pin in ${PIN_MANIFEST_PATH}`);
  }
  return { ref: `${action}@${entry.sha}`, version: entry.version };
}

/** Replace every pin by a placeholder, so snapshots do not churn when pins are refreshed. */
export function placeholderPins(manifest: PinManifest): PinManifest {
  return {
    ...manifest,
    actions: Object.fromEntries(
      Object.keys(manifest.actions).map((name) => [
        name,
        { version: 'v0.0.0', sha: '0'.repeat(40) } satisfies PinEntry,
      ]),
    ),
  };
}
