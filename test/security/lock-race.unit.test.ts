import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilesystemError } from '../../src/core/errors.js';
import type * as FsSafe from '../../src/shell/fs-safe.js';

// The holder's release removes `.stronghold/` while a waiter is creating the lock inside it:
// the waiter's exclusive create fails with ENOENT. Reproduced deterministically here.
const failures = vi.hoisted(() => ({ enoent: 0 }));
vi.mock('../../src/shell/fs-safe.js', async (importOriginal) => {
  const real = await importOriginal<typeof FsSafe>();
  return {
    ...real,
    createExclusive: async (...args: Parameters<typeof real.createExclusive>) => {
      if (failures.enoent > 0) {
        failures.enoent -= 1;
        throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
      }
      return real.createExclusive(...args);
    },
  };
});

const { acquireLock, LOCK_PATH } = await import('../../src/shell/lock.js');

afterEach(() => {
  failures.enoent = 0;
});

describe('acquireLock when the lock directory vanishes under it', () => {
  it('retries and takes the lock', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sh-lock-race-'));
    failures.enoent = 2;
    const release = await acquireLock(root, { waitMs: 1000, pollMs: 1 });
    expect(failures.enoent).toBe(0);
    const held = JSON.parse(readFileSync(join(root, LOCK_PATH), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await release();
  });

  it('past the deadline it is a filesystem error naming the lock, not a hang', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sh-lock-race-'));
    failures.enoent = Number.POSITIVE_INFINITY;
    const e = await acquireLock(root, { waitMs: 0, pollMs: 1 }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(FilesystemError);
    expect((e as FilesystemError).message).toBe(
      'locking .stronghold/lock failed: ENOENT from the operating system. Check the path and run again.',
    );
    expect((e as FilesystemError).exitCode).toBe(6);
  });
});
