/**
 * A registry is a strategy object: it describes how a package reaches its registry. It returns
 * descriptions only and never does I/O. Adding a registry = one file + one line in index.ts.
 */
export interface RegistryStrategy {
  /** Stable id used on the command line and in saved answers. */
  readonly id: string;
  readonly displayName: string;
  /** Deployment environment the publish job runs in; undefined when nothing is published. */
  readonly environment: string | undefined;
  /** Whether the registry accepts OIDC trusted publishing from each host. */
  readonly trustedPublishing: { readonly github: boolean; readonly gitlab: boolean };
  /** Public page of a package on the registry, for SECURITY.md and VERIFYING.md. */
  packageUrl(packageName: string): string | undefined;
}
