/**
 * The run lock, unit level (mutation testing of src/shell/lock.ts): what the lock file holds,
 * who may take over a stale lock, the exact refusal, waiting for a release, and what release
 * removes. Each test uses its own temporary directory; no child processes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockedError } from '../../src/core/errors.js';
import { acquireLock, LOCK_PATH } from '../../src/shell/lock.js';

const target = () => mkdtempSync(join(tmpdir(), 'stronghold-lock-'));
/** A pid that is not running: above the kernel's pid_max default range. */
const DEAD_PID = 2 ** 22 + 12345;

function writeLock(root: string, content: string): void {
  mkdirSync(join(root, '.stronghold'), { recursive: true });
  writeFileSync(join(root, LOCK_PATH), content);
}

const refusal = async (root: string, waitMs = 0): Promise<LockedError> => {
  const e = await acquireLock(root, { waitMs, pollMs: 5 }).then(
    () => {
      throw new Error('expected the lock to be refused');
    },
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(LockedError);
  return e as LockedError;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('acquireLock', () => {
  it('writes .stronghold/lock with this process and host, and release removes it and its dir', async () => {
    expect(LOCK_PATH).toBe('.stronghold/lock');
    const root = target();
    const release = await acquireLock(root);
    const held = JSON.parse(readFileSync(join(root, LOCK_PATH), 'utf8')) as Record<string, unknown>;
    expect(held['pid']).toBe(process.pid);
    expect(held['host']).toBe(hostname());
    expect(Number.isNaN(Date.parse(String(held['started'])))).toBe(false);
    expect(readFileSync(join(root, LOCK_PATH), 'utf8').endsWith('}\n')).toBe(true);
    await release();
    expect(existsSync(join(root, LOCK_PATH))).toBe(false);
    expect(existsSync(join(root, '.stronghold'))).toBe(false);
  });

  it('release keeps a .stronghold directory that existed before', async () => {
    const root = target();
    mkdirSync(join(root, '.stronghold'));
    const release = await acquireLock(root);
    await release();
    expect(existsSync(join(root, LOCK_PATH))).toBe(false);
    expect(existsSync(join(root, '.stronghold'))).toBe(true);
  });

  it('a live holder makes a second run refuse, naming the holder, the target and the fix', async () => {
    const root = target();
    const release = await acquireLock(root);
    try {
      const e = await refusal(root);
      expect(e.message).toBe(
        `another Stronghold run (process ${process.pid} on ${hostname()}) is writing into ${root}; nothing was written. Wait for it to finish and run again (if no run is active, delete .stronghold/lock).`,
      );
      expect(e.exitCode).toBe(7);
    } finally {
      await release();
    }
  });

  it('a lock it cannot read is not taken over, and the refusal names no holder', async () => {
    for (const content of ['not json', '{"pid":"12","host":"h"}', `{"pid":${DEAD_PID}}`]) {
      const root = target();
      writeLock(root, content);
      const e = await refusal(root);
      expect(e.message).toBe(
        `another Stronghold run is writing into ${root}; nothing was written. Wait for it to finish and run again (if no run is active, delete .stronghold/lock).`,
      );
      expect(readFileSync(join(root, LOCK_PATH), 'utf8')).toBe(content);
    }
  });

  it('a dead holder on this host is stale: its lock is taken over', async () => {
    const root = target();
    writeLock(root, JSON.stringify({ pid: DEAD_PID, host: hostname() }));
    const release = await acquireLock(root, { waitMs: 0 });
    const held = JSON.parse(readFileSync(join(root, LOCK_PATH), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await release();
  });

  it('a holder on another host is never judged dead from here', async () => {
    const root = target();
    const other = JSON.stringify({ pid: DEAD_PID, host: `${hostname()}-other` });
    writeLock(root, other);
    const e = await refusal(root);
    expect(e.message).toContain(`(process ${DEAD_PID} on ${hostname()}-other)`);
    expect(readFileSync(join(root, LOCK_PATH), 'utf8')).toBe(other);
  });

  it('a holder that is alive (pid 1, possibly another user: EPERM) is never taken over', async () => {
    const root = target();
    const init = JSON.stringify({ pid: 1, host: hostname() });
    writeLock(root, init);
    const e = await refusal(root);
    expect(e.message).toContain(`(process 1 on ${hostname()})`);
    expect(readFileSync(join(root, LOCK_PATH), 'utf8')).toBe(init);
  });

  it('a holder whose liveness check says EPERM (another user) is alive; ESRCH is dead', async () => {
    const root = target();
    const lock = JSON.stringify({ pid: 4242, host: hostname() });
    writeLock(root, lock);
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    await refusal(root);
    expect(kill).toHaveBeenCalledWith(4242, 0);
    expect(readFileSync(join(root, LOCK_PATH), 'utf8')).toBe(lock);
    kill.mockImplementation(() => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    });
    const release = await acquireLock(root, { waitMs: 0 });
    await release();
  });

  it('with no time to wait, refuses at once (the deadline is inclusive)', async () => {
    const root = target();
    const release = await acquireLock(root);
    vi.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      await refusal(root, 0);
    } finally {
      vi.restoreAllMocks();
      await release();
    }
  });

  it('waits for the holder to release within waitMs', async () => {
    const root = target();
    const release = await acquireLock(root);
    const second = acquireLock(root, { waitMs: 10_000, pollMs: 5 });
    await new Promise((r) => setTimeout(r, 30));
    await release();
    const release2 = await second;
    const held = JSON.parse(readFileSync(join(root, LOCK_PATH), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await release2();
  });

  it('an error other than "exists" is a clear filesystem error, not a lock refusal', async () => {
    const root = target();
    writeFileSync(join(root, '.stronghold'), 'a file where the directory should be');
    const e = await acquireLock(root, { waitMs: 0 }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(LockedError);
    expect((e as Error).message).toBe(
      '.stronghold is a file, but a directory is needed there. Move it away and run again.',
    );
  });
});
