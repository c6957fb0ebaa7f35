import { validateAnswers, type Answers, type RawAnswers } from '../../src/core/answers.js';
import type { HostId } from '../../src/hosts/ids.js';

export const FIXED_NOW = new Date('2026-11-22T10:30:00Z');

/** Raw answers for a typical project on each host; override what a test varies. */
export function rawAnswers(host: HostId, overrides: RawAnswers = {}): RawAnswers {
  const base: RawAnswers =
    host === 'github'
      ? {
          host,
          repo: 'acme/widget',
          registry: 'npm',
          teamSize: 3,
          maintainers: ['@alice', '@acme/release'],
          contact: 'mailto:security@acme.example',
        }
      : {
          host,
          repo: 'acme/tools/widget',
          registry: 'pypi',
          teamSize: 3,
          maintainers: ['@alice', '@acme/tools/release'],
          contact: 'https://acme.example/security',
        };
  return { ...base, ...overrides };
}

export function answers(host: HostId, overrides: RawAnswers = {}): Answers {
  return validateAnswers(rawAnswers(host, overrides));
}
