import type { Answers } from '../core/answers.js';
import type { ContributedFile } from '../core/file-plan.js';
import type { Policy } from '../core/policy.js';
import type { ProseHost } from '../files/prose-host.js';

/**
 * Where a host keeps things, and the links reporters and users follow (the `ProseHost` part), and
 * the files it contributes. Pure descriptions.
 */
export interface HostLayout extends ProseHost {
  /** Issue-template files that steer vulnerability reports away from public issues. */
  issueTemplateFiles(a: Answers): ContributedFile[];
  /** Branch protection and repository settings as code: the source of truth `apply` enforces. */
  settingsFiles(a: Answers, p: Policy): ContributedFile[];
}
