import type { Answers } from '../core/answers.js';
import type { HostId } from '../core/ids.js';

/**
 * What the prose files read of a host: its names, paths and links. A host layout (src/hosts/)
 * extends it; the composition root (src/ops/plan-files.ts) passes it in, so the prose layer
 * imports no host.
 */
export interface ProseHost {
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
}
