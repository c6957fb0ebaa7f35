import type { Answers } from '../core/answers.js';
import type { PlannedFile } from '../core/file-plan.js';
import type { Policy } from '../core/policy.js';
import type { HostId } from './ids.js';

/** Where a host keeps things, and the links reporters and users follow. Pure descriptions. */
export interface HostLayout {
  readonly id: HostId;
  readonly displayName: string;
  readonly paths: {
    readonly codeowners: string;
    readonly pullRequestTemplate: string;
    /** Files and folders that control CI/CD and so need code-owner review. */
    readonly ciControl: readonly string[];
  };
  readonly ciName: string;
  /** What the host calls a proposed change: "pull requests", "merge requests". */
  readonly changeRequests: string;
  repoUrl(a: Answers): string;
  blobUrl(a: Answers, path: string): string;
  rawUrl(a: Answers, path: string): string;
  /** Where a reporter opens a private report. */
  privateReportUrl(a: Answers): string;
  privateReportHowTo: string;
  /** Where published advisories can be read. */
  advisoriesUrl(a: Answers): string;
  /** Issue-template files that steer vulnerability reports away from public issues. */
  issueTemplateFiles(a: Answers): PlannedFile[];
  /** Branch protection and repository settings as code: the source of truth `apply` enforces. */
  settingsFiles(a: Answers, p: Policy): PlannedFile[];
}
