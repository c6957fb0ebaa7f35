/** The rule catalogue: one rule per file, listed once here (sorted by id). */
import type { Rule } from '../types.js';
import { rule as adhocPackages } from './adhoc-packages.js';
import { rule as anonymousDefinition } from './anonymous-definition.js';
import { rule as archivedUses } from './archived-uses.js';
import { rule as artipacked } from './artipacked.js';
import { rule as botConditions } from './bot-conditions.js';
import { rule as cachePoisoning } from './cache-poisoning.js';
import { rule as codeowners } from './codeowners.js';
import { rule as concurrencyLimits } from './concurrency-limits.js';
import { rule as dangerousTriggers } from './dangerous-triggers.js';
import { rule as dependabotCooldown } from './dependabot-cooldown.js';
import { rule as dependabotExecution } from './dependabot-execution.js';
import { rule as dependencyUpdates } from './dependency-updates.js';
import { rule as excessivePermissions } from './excessive-permissions.js';
import { rule as forbiddenUses } from './forbidden-uses.js';
import { rule as githubApp } from './github-app.js';
import { rule as githubEnv } from './github-env.js';
import { rule as gitlabForkPipelineVariables } from './gitlab-fork-pipeline-variables.js';
import { rule as gitlabIdTokenAudience } from './gitlab-id-token-audience.js';
import { rule as gitlabJobToken } from './gitlab-job-token.js';
import { rule as gitlabReleaseCache } from './gitlab-release-cache.js';
import { rule as gitlabRemoteInclude } from './gitlab-remote-include.js';
import { rule as gitlabSecretEcho } from './gitlab-secret-echo.js';
import { rule as gitlabUnpinnedImages } from './gitlab-unpinned-images.js';
import { rule as gitlabUseTrustedPublishing } from './gitlab-use-trusted-publishing.js';
import { rule as hardcodedContainerCredentials } from './hardcoded-container-credentials.js';
import { rule as hostBranchProtection } from './host-branch-protection.js';
import { rule as hostDefaultTokenPermissions } from './host-default-token-permissions.js';
import { rule as hostPrivateVulnerabilityReporting } from './host-private-vulnerability-reporting.js';
import { rule as hostReleaseEnvironment } from './host-release-environment.js';
import { rule as hostRepositorySettings } from './host-repository-settings.js';
import { rule as hostSecretScanning } from './host-secret-scanning.js';
import { rule as hostTagProtection } from './host-tag-protection.js';
import { rule as hostTwoFactor } from './host-two-factor.js';
import { rule as insecureCommands } from './insecure-commands.js';
import { rule as insecureUrlScheme } from './insecure-url-scheme.js';
import { rule as license } from './license.js';
import { rule as misfeature } from './misfeature.js';
import { rule as missingPermissions } from './missing-permissions.js';
import { rule as obfuscation } from './obfuscation.js';
import { rule as overprovisionedSecrets } from './overprovisioned-secrets.js';
import { rule as refVersionMismatch } from './ref-version-mismatch.js';
import { rule as sast } from './sast.js';
import { rule as secretsInherit } from './secrets-inherit.js';
import { rule as secretsOutsideEnv } from './secrets-outside-env.js';
import { rule as securityPolicy } from './security-policy.js';
import { rule as securityTxt } from './security-txt.js';
import { rule as selfHostedRunner } from './self-hosted-runner.js';
import { rule as selfRepository } from './self-repository.js';
import { rule as superfluousActions } from './superfluous-actions.js';
import { rule as templateInjection } from './template-injection.js';
import { rule as typosquatUses } from './typosquat-uses.js';
import { rule as undocumentedPermissions } from './undocumented-permissions.js';
import { rule as unpinnedImages } from './unpinned-images.js';
import { rule as unpinnedTools } from './unpinned-tools.js';
import { rule as unpinnedUses } from './unpinned-uses.js';
import { rule as unredactedSecrets } from './unredacted-secrets.js';
import { rule as unsoundCondition } from './unsound-condition.js';
import { rule as unsoundContains } from './unsound-contains.js';
import { rule as unsoundTernary } from './unsound-ternary.js';
import { rule as useTrustedPublishing } from './use-trusted-publishing.js';

export const rules: readonly Rule[] = [
  adhocPackages,
  anonymousDefinition,
  archivedUses,
  artipacked,
  botConditions,
  cachePoisoning,
  codeowners,
  concurrencyLimits,
  dangerousTriggers,
  dependabotCooldown,
  dependabotExecution,
  dependencyUpdates,
  excessivePermissions,
  forbiddenUses,
  githubApp,
  githubEnv,
  gitlabForkPipelineVariables,
  gitlabIdTokenAudience,
  gitlabJobToken,
  gitlabReleaseCache,
  gitlabRemoteInclude,
  gitlabSecretEcho,
  gitlabUnpinnedImages,
  gitlabUseTrustedPublishing,
  hardcodedContainerCredentials,
  hostBranchProtection,
  hostDefaultTokenPermissions,
  hostPrivateVulnerabilityReporting,
  hostReleaseEnvironment,
  hostRepositorySettings,
  hostSecretScanning,
  hostTagProtection,
  hostTwoFactor,
  insecureCommands,
  insecureUrlScheme,
  license,
  misfeature,
  missingPermissions,
  obfuscation,
  overprovisionedSecrets,
  refVersionMismatch,
  sast,
  secretsInherit,
  secretsOutsideEnv,
  securityPolicy,
  securityTxt,
  selfHostedRunner,
  selfRepository,
  superfluousActions,
  templateInjection,
  typosquatUses,
  undocumentedPermissions,
  unpinnedImages,
  unpinnedTools,
  unpinnedUses,
  unredactedSecrets,
  unsoundCondition,
  unsoundContains,
  unsoundTernary,
  useTrustedPublishing,
];
