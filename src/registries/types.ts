/**
 * A registry is a strategy object: it describes how a package reaches its registry. It returns
 * descriptions only (commands, steps, instructions) and never does I/O. Adding a registry = one
 * file + one line in index.ts. Shell commands here never contain `${{ }}` expressions: anything a
 * workflow knows arrives through environment variables.
 */
import type { HostId } from '../core/ids.js';
import type { ServedFile } from '../core/safeguards.js';

import type { ToolchainId } from '../core/ids.js';
import type { ProjectCommands } from '../toolchains/types.js';

/** Language toolchain the workflows install (src/toolchains/<id>.ts: setup, images, commands). */
export type Toolchain = ToolchainId;
export type { ProjectCommands };

/** A step of a publish job: a pinned action (by manifest name) or a shell script. */
export type PublishStep =
  | {
      readonly name: string;
      readonly id?: string;
      /** Action name in the pin manifest, e.g. `pypa/gh-action-pypi-publish`. */
      readonly action: string;
      readonly with?: Readonly<Record<string, string | number | boolean>>;
      readonly env?: Readonly<Record<string, string>>;
    }
  | {
      readonly name: string;
      readonly run: string;
      readonly env?: Readonly<Record<string, string>>;
    };

/** A named value the maintainers must configure (never a value Stronghold knows). */
export interface SecretSpec {
  readonly name: string;
  readonly purpose: string;
}

export interface ReleaseBuild {
  /**
   * Writes everything the publish job needs into `dist/` (the uploaded artifact), given the
   * project's commands with its package manager (their `pack` builds the package).
   */
  build(commands: ProjectCommands): string;
  /** Prints every path that goes into the published package, one per line. */
  readonly listFiles: string;
  /** How the file list is obtained, for docs ("npm pack --dry-run", "cargo package --list"). */
  readonly listFilesHow: string;
  /** The list reads the built files (run after `build`) rather than the sources (before). */
  readonly listAfterBuild: boolean;
}

export interface GithubPublish {
  /** Publishes with an OIDC token (trusted publishing) rather than a stored secret. */
  readonly oidc: boolean;
  /** Steps after `dist/` was downloaded. They run no project code. */
  readonly steps: readonly PublishStep[];
  /** Environment secrets (token-based publishing only). */
  readonly secrets: readonly SecretSpec[];
  /** Repository variables the publish job reads. */
  readonly variables: readonly SecretSpec[];
}

export interface GitlabPublish {
  readonly oidc: boolean;
  readonly image: string;
  /** ID tokens the job requests: CI variable name -> audience. */
  readonly idTokens: Readonly<Record<string, string>>;
  /** Job variables (never secrets). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Script after the `build` job's `dist/` artifact was downloaded. Runs no project code. */
  readonly script: readonly string[];
  /** Masked, protected CI/CD variables scoped to the release environment (token-based only). */
  readonly secrets: readonly SecretSpec[];
}

/** What RELEASING.md tells maintainers to register on the registry, per host. */
export interface Registration {
  /** Where the trusted publisher (or token) is configured. */
  readonly where: (packageName: string) => string;
  /** A command that registers the trusted publisher, when the registry has one. */
  readonly command?: (r: RegistrationValues) => string;
  /** Caveats for the very first publish. */
  readonly firstPublish: string;
  /**
   * The exact fields the registry's form asks for, in its own words. Undefined: the common
   * owner / repository / workflow file / environment form.
   */
  readonly fields?: (r: RegistrationValues) => readonly RegistrationField[];
}

export interface RegistrationField {
  readonly label: string;
  readonly value: string;
}

export type { ServedFile };

export interface RegistrationValues {
  readonly packageName: string;
  readonly owner: string;
  readonly repository: string;
  /** `owner/repo` (GitLab: full project path). */
  readonly slug: string;
  readonly workflowFile: string;
  readonly environment: string;
}

export interface RegistryRelease {
  readonly build: ReleaseBuild;
  readonly github: GithubPublish;
  readonly gitlab: GitlabPublish;
  readonly registration: Readonly<Record<HostId, Registration>>;
  /** Tag pattern to enter on the registry, where it asks for one (pub.dev). */
  readonly registryTagPattern?: string;
  readonly servedFile: ServedFile;
  /**
   * The registry itself stores a Sigstore provenance statement or attestation for versions
   * published from each host (npm provenance, PyPI PEP 740, JSR provenance).
   */
  readonly registryProvenance: { readonly github: boolean; readonly gitlab: boolean };
  /**
   * The registry records provenance only for releases from a public repository (npm refuses a
   * provenance statement from a private or internal one, E422): the pipeline asks for it only
   * there, and the documents say so.
   */
  readonly provenancePublicOnly?: boolean;
  /**
   * Steps in RELEASING.md that make the registry refuse token uploads once trusted publishing
   * works (npm, crates.io); undefined where the registry has no such switch.
   */
  readonly forbidTokens?: (packageName: string) => string;
  /** What the registry itself records about provenance, for VERIFYING.md. */
  readonly verify: readonly {
    readonly text: string;
    readonly command?: string;
    /** Shown only for this host (the statement is about releases from it). */
    readonly host?: HostId;
  }[];
}

export interface RegistryStrategy {
  /** Stable id used on the command line and in saved answers. */
  readonly id: string;
  readonly displayName: string;
  /** Deployment environment the publish job runs in; undefined when nothing is published. */
  readonly environment: string | undefined;
  /**
   * Trusted publishing from a self-hosted instance (GitHub Enterprise Server, GitLab
   * self-managed): `false` when the registry trusts only github.com / gitlab.com identities, or
   * what it takes when the registry can be asked to trust an instance. Checked against each
   * registry's documentation in November 2026.
   */
  readonly selfHostedTrustedPublishing: {
    readonly github: false | string;
    readonly gitlab: false | string;
  };
  /** Public page of a package on the registry, for SECURITY.md and VERIFYING.md. */
  packageUrl(packageName: string): string | undefined;
  /**
   * Toolchain of projects that publish here (undefined: `none`). Its file in src/toolchains/
   * holds the setup, images, commands, Dependabot ecosystem and CodeQL language.
   */
  readonly toolchain: Toolchain | undefined;
  /** How releases are built and published; undefined when nothing is published. */
  readonly release: RegistryRelease | undefined;
}
