/** The toolchains retrofit detection knows, in the order candidates are listed. */
import type { Toolchain } from './types.js';
import { dart } from './dart.js';
import { deno } from './deno.js';
import { dotnet } from './dotnet.js';
import { java } from './java.js';
import { node } from './node.js';
import { python } from './python.js';
import { ruby } from './ruby.js';
import { rust } from './rust.js';

export const toolchains: readonly Toolchain[] = [
  node,
  deno,
  python,
  rust,
  ruby,
  dotnet,
  dart,
  java,
];
