/**
 * Who wrote a file or a plan: the package name and version. Its own module so that `--help` and
 * `--version` read package.json and nothing else (no templates, EJS or YAML).
 */
import pkg from '../../package.json' with { type: 'json' };

export const GENERATOR = { name: pkg.name, version: pkg.version } as const;
