import ejs from 'ejs';
import type { ViewModel } from './view-model.js';

const cache = new Map<string, ejs.TemplateFunction>();

/**
 * Render a prose template. Values are inserted raw (`<%-`): HTML escaping would corrupt Markdown,
 * and every value was validated against a narrow alphabet before it got here.
 */
export function renderTemplate(template: string, view: ViewModel): string {
  let fn = cache.get(template);
  if (fn === undefined) {
    fn = ejs.compile(template, { localsName: 'v', _with: false, strict: true });
    cache.set(template, fn);
  }
  return fn(view);
}
