/**
 * security.txt (RFC 9116). An existing file is kept as it is: it may be signed, served from a
 * web site, or list contacts Stronghold does not know. Stronghold reports the fields it lacks.
 */
import type { MergeInput, MergeOutcome, MergeStrategy } from './types.js';
import { linesOf } from './text.js';

/** Required by RFC 9116 (Contact, Expires) and recommended (the others). */
const FIELDS: readonly { name: string; why: string }[] = [
  { name: 'Contact', why: 'required by RFC 9116' },
  { name: 'Expires', why: 'required by RFC 9116' },
  { name: 'Policy', why: 'links the security policy' },
  { name: 'Canonical', why: 'names where the file is authoritative' },
  { name: 'Preferred-Languages', why: 'says which languages reports may use' },
];

export function mergeSecurityTxt(input: MergeInput): MergeOutcome {
  const present = new Set(
    linesOf(input.theirs.text).flatMap((line) => {
      const m = /^([A-Za-z-]+):/.exec(line);
      return m ? [(m[1] as string).toLowerCase()] : [];
    }),
  );
  const missing = FIELDS.filter((f) => !present.has(f.name.toLowerCase())).map(
    (f) => `${f.name} (${f.why})`,
  );
  return {
    action: 'keep',
    path: input.theirs.path,
    reason:
      missing.length === 0
        ? 'your security.txt is kept (it has every field Stronghold writes)'
        : 'your security.txt is kept, not rewritten; add the missing fields yourself',
    ...(missing.length === 0 ? {} : { missing }),
  };
}

export const securityTxt: MergeStrategy = {
  id: 'security-txt',
  handles: (p) => p === '.well-known/security.txt',
  equivalents: () => ['.well-known/security.txt', 'security.txt'],
  caseInsensitive: false,
  merge: mergeSecurityTxt,
};
