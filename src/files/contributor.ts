/**
 * The prose contributor: one file per row of the template table, rendered with the view model.
 * The host's links come in as a `ProseHost` (the composition root passes the host layout), so
 * this layer imports no host.
 */
import type { Answers } from '../core/answers.js';
import type { FileContributor } from '../core/file-plan.js';
import { renderTemplate } from './render.js';
import { templateRows } from './table.js';
import type { ProseHost } from './prose-host.js';
import { buildViewModel } from './view-model.js';

export function proseContributor(hostOf: (answers: Answers) => ProseHost): FileContributor {
  return (answers, plan) => {
    const layout = hostOf(answers);
    const view = buildViewModel(answers, plan.policy, layout, plan.now, plan.project);
    return templateRows
      .filter((row) => row.when?.(layout) ?? true)
      .map((row) => ({
        path: row.path(layout),
        content: renderTemplate(row.template, view),
        purpose: row.purpose,
        format: row.format,
        ...(row.ownership === undefined ? {} : { ownership: row.ownership }),
      }));
  };
}
