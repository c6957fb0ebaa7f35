/**
 * A typed model of the GitLab CI subset Stronghold writes (`.gitlab-ci.yml`), rendered by
 * `render.ts` with the `yaml` package.
 */

export interface GitlabRule {
  readonly if?: string;
  readonly when?: 'on_success' | 'never' | 'manual' | 'always';
}

export interface GitlabJob {
  /** Comment lines rendered above the job. */
  readonly comment?: readonly string[];
  readonly stage: string;
  /** Container image; tag-pinned (see header of the generated file). */
  readonly image: string;
  readonly needs?: readonly string[];
  readonly rules: readonly GitlabRule[];
  readonly timeout: string;
  readonly interruptible?: boolean;
  readonly variables?: Readonly<Record<string, string>>;
  /** OIDC ID tokens: variable name -> audience. */
  readonly idTokens?: Readonly<Record<string, string>>;
  readonly environment?: {
    readonly name: string;
    readonly url?: string;
    readonly deploymentTier: 'production';
  };
  /** Each entry is one shell command (may be a multi-line script). */
  readonly script: readonly string[];
  readonly artifacts?: { readonly paths: readonly string[]; readonly expireIn: string };
  /** `false`: the job downloads no artifacts; otherwise the default (from `needs`). */
  readonly dependencies?: readonly string[];
}

/** `include: - template: X` with its `rules:` (a template the instance itself serves). */
export interface GitlabTemplateInclude {
  readonly template: string;
  readonly rules: readonly GitlabRule[];
}

export interface GitlabCi {
  readonly path: string;
  readonly purpose: string;
  readonly header: readonly string[];
  readonly stages: readonly string[];
  readonly workflowRules: readonly GitlabRule[];
  /** Comment lines rendered above `include:`. */
  readonly includeComment?: readonly string[];
  readonly include?: readonly GitlabTemplateInclude[];
  readonly variables?: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, GitlabJob>>;
}
