/**
 * File contributors beyond the prose and settings files: each later stage (CI and release
 * workflows, GitLab CI) adds one entry. Contributors are pure functions of the answers.
 */
import type { FileContributor } from '../core/plan.js';
import { workflowFiles } from '../workflows/contributor.js';

export const contributors: readonly FileContributor[] = [workflowFiles];
