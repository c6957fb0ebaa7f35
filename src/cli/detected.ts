/** How `stronghold init` shows what detection found: plan lines and the --json result. */
import type { InitDetection } from '../shell/detect-repo.js';
import type { Reporter } from './reporter.js';

export { detectForInit } from '../shell/detect-repo.js';

/** Lines for the plan output: each detected value and its source, then what could not be used. */
export function reportDetected(reporter: Reporter, d: InitDetection): void {
  if (d.entries.length === 0 && d.notes.length === 0) return;
  reporter.info('Detected in the repository:');
  for (const e of d.entries) {
    const shown = Array.isArray(e.value) ? e.value.join(', ') : String(e.value);
    const tail = e.used === 'detected' ? '' : ` (not used: the ${e.used} wins)`;
    reporter.info(`  ${e.key}: ${shown}  — detected from ${e.source}${tail}`);
  }
  for (const note of d.notes) reporter.warn(note);
}

/** The detection as the --json result carries it. */
export function detectedJson(d: InitDetection) {
  const { detection: x } = d;
  return {
    answers: d.entries,
    notes: d.notes,
    packages: x.packages,
    ignored: x.ignored,
    toolchains: x.toolchains.map((t) => ({
      toolchain: t.toolchain,
      packageManager: t.packageManager,
      packageManagerEvidence: t.packageManagerEvidence,
      facts: t.facts,
    })),
    remote:
      x.remote === undefined
        ? null
        : {
            name: x.remote.name,
            kind: x.remote.kind ?? null,
            host: x.remote.hostname,
            slug: x.remote.slug,
            webUrl: x.remote.webUrl,
          },
    tagScheme: x.tags.scheme ?? null,
    tagPrefixes: x.tags.prefixes,
    maintenanceBranches: x.maintenanceBranches,
  };
}
