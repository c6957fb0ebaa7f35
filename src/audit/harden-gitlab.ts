/**
 * `stronghold harden --online` for GitLab CI: pin `image:` and `services:` (top level, `default:`
 * and every job, string and `name:` forms) by digest, keeping the tag for readability
 * (`node:22` -> `node:22@sha256:<digest>`). Pure: the digests come from the caller (resolved
 * through the OCI distribution API by src/ops/image-digests.ts). Each edit replaces the image
 * scalar's own characters, in its own quoting style; every byte outside the edits is kept.
 */
import { Scalar } from 'yaml';
import { readPipeline } from './gitlab-model.js';
import { parseSource } from './located.js';
import { imageNames } from './rules/gitlab-unpinned-images.js';
import type { HardenNote, HardenResult } from './harden.js';

/** An image reference split the way a registry reads it. */
export interface ImageReference {
  /** Registry host (with port), `registry-1.docker.io` for Docker Hub. */
  readonly registry: string;
  /** Repository path, `library/node` for Docker Hub official images. */
  readonly repository: string;
  readonly tag: string;
}

export const DOCKER_HUB = 'registry-1.docker.io';
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Parse `[registry/]repository[:tag]` (no digest). Docker's rule: the first component is a
 * registry when it has a dot or a port or is `localhost`; otherwise the image is on Docker Hub,
 * and a one-component name is an official image (`library/`). Undefined for what is not a plain
 * reference (variables, digests, empty components).
 */
export function parseImageReference(value: string): ImageReference | undefined {
  if (value.includes('$') || value.includes('@') || /\s/.test(value)) return undefined;
  const slash = value.indexOf('/');
  const first = slash < 0 ? '' : value.slice(0, slash);
  const hasRegistry = /[.:]/.test(first) || first === 'localhost';
  let registry = hasRegistry ? first.toLowerCase() : DOCKER_HUB;
  let rest = hasRegistry ? value.slice(slash + 1) : value;
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = DOCKER_HUB;
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : 'latest';
  rest = colon > rest.lastIndexOf('/') ? rest.slice(0, colon) : rest;
  if (registry === DOCKER_HUB && !rest.includes('/')) rest = `library/${rest}`;
  if (
    !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
      rest,
    )
  )
    return undefined;
  if (!/^\w[\w.-]{0,127}$/.test(tag)) return undefined;
  return { registry, repository: rest, tag };
}

/** The key a resolved digest is stored under. */
export function imageKey(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}:${ref.tag}`;
}

/** A harden result whose unresolved items are image references (what `--online` resolves). */
export type GitlabHardenResult = Omit<HardenResult, 'unresolved'> & {
  readonly unresolved: readonly ImageReference[];
};

/**
 * Pin every image of one GitLab CI file that `digests` (imageKey -> sha256:...) resolves; list
 * the others as unresolved. Running it again on its own output changes nothing.
 */
export function hardenGitlabFile(
  path: string,
  text: string,
  digests: ReadonlyMap<string, string> = new Map(),
): GitlabHardenResult {
  const src = parseSource(path, text);
  if (src.errors.length > 0) return { path, text, changes: [], skipped: [], unresolved: [] };
  const p = readPipeline(src);
  const holders = [src.doc.contents ?? undefined, p.defaults, ...p.jobs.map((j) => j.node)];
  const edits: { start: number; end: number; text: string; line: number; message: string }[] = [];
  const skipped: HardenNote[] = [];
  const unresolved: ImageReference[] = [];
  const seen = new Set<Scalar>();
  for (const holder of holders) {
    for (const node of imageNames(src, holder ?? undefined)) {
      if (seen.has(node) || node.range === undefined || node.range === null) continue;
      seen.add(node);
      const value = String(node.value);
      if (value.includes('@')) continue;
      const line = src.lines.linePos(node.range[0]).line;
      const ref = parseImageReference(value);
      const plainOrQuoted =
        node.type === Scalar.PLAIN ||
        node.type === Scalar.QUOTE_DOUBLE ||
        node.type === Scalar.QUOTE_SINGLE;
      if (ref === undefined || !plainOrQuoted) {
        skipped.push({
          file: path,
          line,
          rule: 'gitlab-unpinned-images',
          message: `image ${value} is not a plain name:tag harden can resolve (a variable or an unusual form): pin it by hand`,
        });
        continue;
      }
      const digest = digests.get(imageKey(ref));
      if (digest === undefined || !DIGEST.test(digest)) {
        unresolved.push(ref);
        continue;
      }
      const pinned = `${value}@${digest}`;
      const quote = node.type === Scalar.PLAIN ? '' : node.type === Scalar.QUOTE_DOUBLE ? '"' : "'";
      edits.push({
        start: node.range[0],
        end: node.range[1],
        text: `${quote}${pinned}${quote}`,
        line,
        message: `pinned image ${value} to its current digest ${digest} (resolved from ${ref.registry})`,
      });
    }
  }
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return {
    path,
    text: out,
    changes: edits.map((e) => ({
      file: path,
      line: e.line,
      rule: 'gitlab-unpinned-images',
      message: e.message,
    })),
    skipped,
    unresolved,
  };
}
