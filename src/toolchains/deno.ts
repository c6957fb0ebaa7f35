/** Deno / JSR: jsr.json or deno.json with a name and exports (a JSR package). Pure. */
import { parseJsonObject, type RepoFiles, type Toolchain, type ToolchainCi } from './types.js';

const MANIFESTS = ['jsr.json', 'deno.json', 'deno.jsonc'];

/** deno.jsonc: drop `//` and `/* *\/` comments outside strings, then trailing commas. */
function stripJsonc(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i));
      const s = end?.[0] ?? c;
      out += s;
      i += s.length - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function read(files: RepoFiles, path: string) {
  const text = files.read(path);
  return parseJsonObject(path.endsWith('c') && text !== undefined ? stripJsonc(text) : text);
}

const denoCi: ToolchainCi = {
  githubSetup: () => [
    {
      name: 'Set up Deno',
      action: 'denoland/setup-deno',
      with: { 'deno-version': 'v2.x', cache: false },
    },
  ],
  gitlabImage: () => 'denoland/deno:debian-2.4.5',
  commands: (_pm, facts) => ({
    install: (facts.lockfile ?? true) ? 'deno install --frozen' : 'deno install',
    test: 'deno test --allow-read',
  }),
  // Dependabot's deno support covers deno.json imports from npm and JSR.
  dependabotEcosystem: () => 'npm',
  codeqlLanguage: 'javascript-typescript',
};

export const deno: Toolchain = {
  id: 'deno',
  ci: denoCi,
  wants: (path) => MANIFESTS.includes(path),
  detect(files) {
    const present = MANIFESTS.filter((m) => files.paths.includes(m));
    if (present.length === 0) return undefined;
    const packages = [];
    const ignored = [];
    for (const path of present) {
      const doc = read(files, path);
      const name = doc?.['name'];
      if (typeof name === 'string' && /^@[^/]+\/.+/.test(name) && doc?.['exports'] !== undefined) {
        packages.push({ toolchain: 'deno' as const, registry: 'jsr' as const, name, path });
        break; // jsr.json wins over deno.json; both describe one package
      }
      ignored.push({ path, reason: 'no @scope/name with exports (not a JSR package)' });
    }
    return {
      toolchain: 'deno',
      packageManager: 'deno',
      packageManagerEvidence: present[0] as string,
      packages,
      ignored: packages.length > 0 ? [] : ignored,
      facts: { lockfile: files.paths.includes('deno.lock') },
    };
  },
};
