/**
 * The inventory of a repository without workflows, on its own so that `init` in an empty folder
 * does not load the workflow parser and the audit model it reuses.
 */
import type { WorkflowInventory } from './workflows.js';

export const EMPTY_INVENTORY: WorkflowInventory = {
  files: [],
  ci: [],
  publishers: [],
  codeql: [],
  secretScan: [],
  dependencyReview: [],
  sast: [],
  mergeQueue: false,
  environments: [],
  notes: [],
};
