/**
 * One run at a time per target directory: `.stronghold/lock` is created exclusively and holds
 * the process id. A second run waits briefly, then refuses (LockedError, exit 7) naming the
 * holder. A lock whose process is gone (killed run) is stale and is taken over.
 */
import { hostname } from 'node:os';
import { LockedError } from '../core/errors.js';
import { createExclusive, fsError, readBytes, removeCreatedDirs, removeSafely } from './fs-safe.js';

export const LOCK_PATH = '.stronghold/lock';

export interface LockOptions {
  /** How long to wait for another run to finish (ms). */
  readonly waitMs?: number;
  readonly pollMs?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock; returns the function that releases it. */
export async function acquireLock(
  root: string,
  { waitMs = 2000, pollMs = 100 }: LockOptions = {},
): Promise<() => Promise<void>> {
  const created: string[] = [];
  const content = `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() })}\n`;
  const deadline = Date.now() + waitMs;
  for (let staleTaken = false; ;) {
    try {
      await createExclusive(root, LOCK_PATH, content, created);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOENT: the holder released and removed `.stronghold/` while this run was opening it;
      // the lock is free, so try again (bounded by the deadline like any other wait).
      if (code === 'ENOENT' && Date.now() < deadline) continue;
      if (code !== 'EEXIST') throw fsError(error, 'locking', LOCK_PATH);
    }
    const holder = await readHolder(root);
    if (holder !== undefined && holder.host === hostname() && !alive(holder.pid) && !staleTaken) {
      // The run that held it was killed: take over its lock once.
      await removeSafely(root, LOCK_PATH);
      staleTaken = true;
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockedError(
        `another Stronghold run${holder ? ` (process ${holder.pid} on ${holder.host})` : ''} is writing into ${root}; nothing was written. Wait for it to finish and run again (if no run is active, delete ${LOCK_PATH}).`,
      );
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return async () => {
    await removeSafely(root, LOCK_PATH).catch(() => undefined);
    await removeCreatedDirs(root, created);
  };
}

async function readHolder(root: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const text = (await readBytes(root, LOCK_PATH, 4096))?.toString('utf8');
    const v = JSON.parse(text ?? '') as { pid?: unknown; host?: unknown };
    return typeof v.pid === 'number' && typeof v.host === 'string'
      ? { pid: v.pid, host: v.host }
      : undefined;
  } catch {
    return undefined;
  }
}
