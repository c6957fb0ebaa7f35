/** The per-file update decision (src/update/decide.ts), with a recording fake merge and real git. */
import { describe, expect, it } from 'vitest';
import { decideFile, NEEDS_ATTENTION, type FileInput } from '../../src/update/decide.js';
import type { Merge, MergeInput } from '../../src/update/types.js';
import { gitMergeFile } from '../../src/shell/git-merge.js';

const BASE = 'a\nb\nc\nd\ne\nf\ng\n';
const input = (over: Partial<FileInput>): FileInput => ({
  path: 'x.md',
  base: BASE,
  next: BASE,
  disk: BASE,
  recordedDeleted: false,
  ...over,
});
function fakeMerge(result = { text: 'MERGED\n', conflicts: 0 }): Merge & { calls: MergeInput[] } {
  const calls: MergeInput[] = [];
  const merge = (i: MergeInput) => {
    calls.push(i);
    return Promise.resolve(result);
  };
  return Object.assign(merge, { calls });
}

describe('decideFile', () => {
  it('creates a new file, keeps a deleted one deleted, restores it on request', async () => {
    const m = fakeMerge();
    expect(await decideFile(input({ base: undefined, disk: undefined }), m, false)).toMatchObject({
      outcome: 'create',
      write: BASE,
      record: 'next',
    });
    expect(await decideFile(input({ disk: undefined }), m, false)).toMatchObject({
      outcome: 'deleted',
      write: undefined,
      record: 'deleted',
    });
    expect(
      await decideFile(
        input({ base: undefined, disk: undefined, recordedDeleted: true }),
        m,
        false,
      ),
    ).toMatchObject({ outcome: 'deleted', record: 'deleted' });
    expect(
      await decideFile(input({ base: undefined, disk: undefined, recordedDeleted: true }), m, true),
    ).toMatchObject({ outcome: 'restore', write: BASE, record: 'next' });
    expect(m.calls).toEqual([]);
  });

  it('replaces an unedited file, leaves an identical one, keeps an edit the policy did not touch', async () => {
    const m = fakeMerge();
    const next = BASE.replace('d', 'D');
    expect(await decideFile(input({ next }), m, false)).toMatchObject({
      outcome: 'update',
      write: next,
      record: 'next',
    });
    // A CRLF copy of the base is unedited too.
    expect(
      await decideFile(input({ next, disk: BASE.replace(/\n/g, '\r\n') }), m, false),
    ).toMatchObject({ outcome: 'update', write: next });
    expect(await decideFile(input({ disk: next, next }), m, false)).toMatchObject({
      outcome: 'unchanged',
      write: undefined,
      record: 'next',
    });
    expect(await decideFile(input({ disk: `${BASE}mine\n` }), m, false)).toMatchObject({
      outcome: 'kept',
      write: undefined,
      record: 'next',
    });
    expect(m.calls).toEqual([]);
  });

  it('merges both edits through the merge function, ours = disk, base, theirs = next', async () => {
    const m = fakeMerge();
    const disk = `${BASE}mine\n`;
    const next = BASE.replace('a', 'A');
    const d = await decideFile(input({ disk, next }), m, false);
    expect(d).toMatchObject({
      outcome: 'merged',
      write: 'MERGED\n',
      record: 'next',
      conflicts: [],
    });
    expect(m.calls).toEqual([{ ours: disk, base: BASE, theirs: next }]);
  });

  it('writes conflicts with markers, records the render as pending, and needs attention', async () => {
    const text = 'x\n<<<<<<< on disk (your version)\n1\n=======\n2\n>>>>>>> Stronghold now\n';
    const d = await decideFile(
      input({ disk: `${BASE}mine\n`, next: BASE.replace('a', 'A') }),
      fakeMerge({ text, conflicts: 1 }),
      false,
    );
    expect(d).toMatchObject({
      outcome: 'conflict',
      write: text,
      record: 'pending',
      conflicts: [{ startLine: 2, endLine: 6 }],
    });
    expect(NEEDS_ATTENTION.has(d.outcome)).toBe(true);
    expect(NEEDS_ATTENTION.has('merged')).toBe(false);
  });

  it('merges against the pending render once the conflict was resolved', async () => {
    const m = fakeMerge();
    const pending = BASE.replace('a', 'A');
    const resolved = `${pending}mine\n`;
    expect(
      await decideFile(input({ disk: resolved, next: pending, pending }), m, false),
    ).toMatchObject({
      outcome: 'kept',
      record: 'next',
    });
    const later = pending.replace('g', 'G');
    await decideFile(input({ disk: resolved, next: later, pending }), m, false);
    expect(m.calls).toEqual([{ ours: resolved, base: pending, theirs: later }]);
  });

  it('never touches unresolved markers, files without a trusted base, or binary files', async () => {
    const m = fakeMerge();
    const marked = `${BASE}<<<<<<< mine\nx\n=======\ny\n>>>>>>> theirs\n`;
    expect(await decideFile(input({ disk: marked, next: 'new\n' }), m, false)).toMatchObject({
      outcome: 'unresolved',
      write: undefined,
      record: 'keep',
      conflicts: [{ startLine: 8, endLine: 12 }],
    });
    expect(
      await decideFile(input({ base: undefined, disk: 'theirs\n', next: 'new\n' }), m, false),
    ).toMatchObject({ outcome: 'unmanaged', write: undefined, record: 'keep' });
    expect(
      await decideFile(input({ disk: undefined, binary: true, next: 'new\n' }), m, false),
    ).toMatchObject({ outcome: 'unmanaged', write: undefined });
    expect(m.calls).toEqual([]);
  });

  it('refuses a clean line merge that breaks YAML or JSON', async () => {
    const broken = fakeMerge({ text: 'a: [\n', conflicts: 0 });
    const d = await decideFile(
      input({ path: 'w.yml', disk: 'a: 1\nb: 2\n', base: 'a: 1\n', next: 'a: 2\n' }),
      broken,
      false,
    );
    expect(d).toMatchObject({ outcome: 'invalid-merge', write: undefined, record: 'keep' });
    expect(d.note).toContain('not valid YAML');
    const json = await decideFile(
      input({ path: 'r.json', disk: '{"a":1,"b":2}', base: '{"a":1}', next: '{"a":2}' }),
      fakeMerge({ text: '{"a":', conflicts: 0 }),
      false,
    );
    expect(json.outcome).toBe('invalid-merge');
    expect(json.note).toContain('not valid JSON');
    const ok = await decideFile(
      input({ path: 'w.yaml', disk: 'a: 1\nb: 2\n', base: 'a: 1\n', next: 'a: 2\n' }),
      fakeMerge({ text: 'a: 2\nb: 2\n', conflicts: 0 }),
      false,
    );
    expect(ok.outcome).toBe('merged');
  });

  it('for a file the policy dropped: forget if gone, remove if unedited, else keep and report', async () => {
    const m = fakeMerge();
    expect(await decideFile(input({ next: undefined, disk: undefined }), m, false)).toMatchObject({
      outcome: 'forget',
      record: 'drop',
    });
    expect(await decideFile(input({ next: undefined }), m, false)).toMatchObject({
      outcome: 'remove',
      record: 'drop',
      write: undefined,
    });
    const edited = await decideFile(input({ next: undefined, disk: `${BASE}mine\n` }), m, false);
    expect(edited).toMatchObject({ outcome: 'orphaned', record: 'drop', write: undefined });
    expect(edited.note).toContain('was edited, so it was kept');
    expect(
      await decideFile(input({ next: undefined, base: undefined, disk: BASE }), m, false),
    ).toMatchObject({ outcome: 'orphaned' });
    const pending = `${BASE}resolved\n`;
    expect(
      await decideFile(input({ next: undefined, disk: pending, pending }), m, false),
    ).toMatchObject({ outcome: 'remove' });
  });
});

describe('gitMergeFile', () => {
  it('merges separate edits cleanly and marks overlapping ones with standard markers', async () => {
    const clean = await gitMergeFile({
      ours: BASE.replace('a', 'A'),
      base: BASE,
      theirs: BASE.replace('g', 'G'),
    });
    expect(clean).toEqual({ text: 'A\nb\nc\nd\ne\nf\nG\n', conflicts: 0 });
    const conflict = await gitMergeFile({
      ours: BASE.replace('d', 'mine'),
      base: BASE,
      theirs: BASE.replace('d', 'theirs'),
    });
    expect(conflict.conflicts).toBe(1);
    expect(conflict.text).toBe(
      'a\nb\nc\n<<<<<<< on disk (your version)\nmine\n=======\ntheirs\n>>>>>>> Stronghold now\ne\nf\ng\n',
    );
  });

  it('says clearly when git cannot be run', async () => {
    await expect(
      gitMergeFile({ ours: 'a\n', base: 'a\n', theirs: 'b\n' }, '/nonexistent/git'),
    ).rejects.toMatchObject({
      name: 'MergeToolError',
      exitCode: 2,
      message: expect.stringContaining('Install git'),
    });
  });
});
