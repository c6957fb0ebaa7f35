// Detection parses TOML and XML through parsers loaded on demand (src/toolchains/toml.ts,
// xml.ts); the CLI loads them before detecting, tests that call detectors directly need them too.
import { loadParsers } from '../../src/toolchains/index.js';

await loadParsers();
