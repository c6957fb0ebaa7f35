/**
 * The `check` flow: read the manifest, the saved answers and every owned file, then evaluate
 * the rules of src/update/check.ts. Reads only; never renders, never touches the network (the
 * CLI shell adds `--online` settings drift from `plan`).
 */
import { ConfigurationError, UsageError } from '../core/errors.js';
import { POLICY_VERSION } from '../core/policy-versions.js';
import { MANIFEST_PATH, savedAnswersVersioned } from '../core/state.js';
import { readExistingBytes } from '../shell/fs-safe.js';
import { readTargetState } from '../shell/target.js';
import { checkExitCode, evaluateCheck, type Finding } from '../update/check.js';

export interface CheckReport {
  readonly root: string;
  readonly policyVersion: { readonly repository: number; readonly current: number };
  readonly files: number;
  readonly deleted: readonly string[];
  readonly findings: readonly Finding[];
  readonly exitCode: number;
}

export async function runCheck(root: string, now: Date): Promise<CheckReport> {
  const state = await readTargetState(root);
  const manifest = state.manifest;
  if (manifest === undefined) {
    throw new UsageError(
      `${state.root} has no ${MANIFEST_PATH}: Stronghold did not set it up (or the manifest was deleted), so there is nothing to check against. Run \`stronghold init\` there first.`,
    );
  }
  if (manifest.policyVersion > POLICY_VERSION) {
    throw new ConfigurationError([
      {
        field: `${MANIFEST_PATH} policyVersion`,
        message: `is ${manifest.policyVersion}: a newer Stronghold set up this repository, and this one knows policy versions up to ${POLICY_VERSION}. Upgrade Stronghold and run again`,
      },
    ]);
  }
  const answers = savedAnswersVersioned(state.yoRc);
  const bytes = await readExistingBytes(state.root, Object.keys(manifest.files));
  const disk = new Map([...bytes].map(([k, v]) => [k, v?.toString('utf8')]));
  const findings = evaluateCheck({ manifest, answersFrom: answers.from, disk, now });
  return withFindings(
    {
      root: state.root,
      policyVersion: { repository: manifest.policyVersion, current: POLICY_VERSION },
      files: Object.keys(manifest.files).length,
      deleted: manifest.deleted ?? [],
      findings: [],
      exitCode: 0,
    },
    findings,
  );
}

/** The report with more findings (the CLI adds settings drift with --online). */
export function withFindings(report: CheckReport, more: readonly Finding[]): CheckReport {
  const findings = [...report.findings, ...more];
  return { ...report, findings, exitCode: checkExitCode(findings) };
}
