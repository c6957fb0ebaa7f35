/**
 * Property: whatever a user and Stronghold each change in a file, `update` never loses a line the
 * user wrote. Every user line is in the result: in the clean part, or inside a reported conflict.
 * Random edit scripts (append, insert, change, delete) on random files; the real git merge-file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideFile } from '../../src/update/decide.js';
import { gitMergeFile } from '../../src/shell/git-merge.js';

type Op =
  | { kind: 'append' }
  | { kind: 'insert'; at: number }
  | { kind: 'change'; at: number }
  | { kind: 'delete'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'append' as const }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(40) }),
  fc.record({ kind: fc.constant('change' as const), at: fc.nat(40) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(40) }),
);

/** Apply an edit script; new lines are `${tag}${n}`, unique, so they can be traced. */
function edit(lines: readonly string[], ops: readonly Op[], tag: string): string[] {
  const out = [...lines];
  ops.forEach((o, n) => {
    const fresh = `${tag}${n}`;
    const at = out.length === 0 ? 0 : ('at' in o ? o.at : 0) % out.length;
    if (o.kind === 'append') out.push(fresh);
    else if (o.kind === 'insert') out.splice(at, 0, fresh);
    else if (out.length === 0) out.push(fresh);
    else if (o.kind === 'change') out[at] = fresh;
    else out.splice(at, 1);
  });
  return out;
}
const text = (lines: readonly string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

describe('update never loses a user line', () => {
  it('keeps every user line, outside or inside a reported conflict', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(op, { minLength: 1, maxLength: 6 }),
        fc.array(op, { minLength: 1, maxLength: 6 }),
        async (size, userOps, policyOps) => {
          const base = Array.from({ length: size }, (_, i) => `base line ${i}`);
          const disk = edit(base, userOps, 'user ');
          const next = edit(base, policyOps, 'stronghold ');
          const d = await decideFile(
            {
              path: 'FILE.md',
              base: text(base),
              next: text(next),
              disk: text(disk),
              recordedDeleted: false,
            },
            (i) => gitMergeFile(i),
            false,
          );
          const result = (d.write ?? text(disk)).split('\n');
          for (const line of disk.filter((l) => l.startsWith('user '))) {
            expect(result).toContain(line);
          }
          const markers = result.filter((l) => /^(<{7}|={7}|>{7})( |$)/.test(l));
          if (d.outcome === 'conflict') {
            expect(d.conflicts.length).toBeGreaterThan(0);
            expect(markers.length).toBe(3 * d.conflicts.length);
          } else {
            expect(markers).toEqual([]);
            expect(d.conflicts).toEqual([]);
          }
          if (d.outcome === 'merged' || d.outcome === 'update' || d.outcome === 'unchanged') {
            // A clean merge applies both sides: every line Stronghold added is there too.
            for (const line of next.filter((l) => l.startsWith('stronghold '))) {
              expect(result).toContain(line);
            }
          }
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  }, 60_000);
});
