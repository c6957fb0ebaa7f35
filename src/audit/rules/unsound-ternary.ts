import { expressionsIn } from '../expressions.js';
import type { Scalar } from 'yaml';
import { conditions } from '../github-model.js';
import { atText, scalarsUnder } from '../located.js';
import type { GithubRule, Hit } from '../types.js';

/** `cond && <falsy literal> || fallback`: the falsy arm falls through to the fallback. */
const FALSY_ARM = /&&\s*(''|0|false|null|-?0\.0+)\s*\|\|/;

export const rule: GithubRule = {
  id: 'unsound-ternary',
  target: 'github',
  summary:
    "cond && '' || other is not a ternary: when the middle value is falsy the expression always yields the fallback",
  severity: 'low',
  level: 'step',
  baseline: ['OSPS-BR-01.01'],
  fix: "use case(cond, value, fallback), or reorder so the middle value cannot be falsy (!cond && fallback || '')",
  check(unit) {
    if (!/&&\s*('+|0|false|null|-?0\.0)/.test(unit.src.text)) return [];
    const hits: Hit[] = [];
    // if: values are expressions even without ${{ }}; everywhere else only ${{ }} counts.
    const ifs = new Set<Scalar>(conditions(unit));
    for (const s of scalarsUnder(unit.src, unit.src.doc.contents)) {
      const v = String(s.value);
      if (!v.includes('||')) continue;
      const bodies = v.includes('${{')
        ? expressionsIn(v).map((e) => e.body)
        : ifs.has(s)
          ? [v]
          : [];
      for (const body of bodies) {
        const m = FALSY_ARM.exec(body);
        if (!m) continue;
        hits.push({
          at: atText(unit.src, s, body.slice(0, 20)),
          message: `the middle value ${m[1]} is falsy, so \`${body}\` never yields it`,
        });
      }
    }
    return hits;
  },
};
