/**
 * VERIFYING.md: what a user can check about a file downloaded from the registry, per registry
 * (how the served file relates to the attested one) and host (GitHub attests; GitLab does not).
 */
import type { SafeguardRow } from '../core/safeguards.js';

export interface ServedFileView {
  readonly text: string;
  readonly command: string | undefined;
}

export function servedFileText(
  row: SafeguardRow,
  registryName: string,
  repo: string,
): ServedFileView {
  if (!row.buildProvenance) {
    return {
      text: row.registryProvenance
        ? `Releases from GitLab CI have no GitLab build provenance attestation: the provenance that ties a ${registryName} release to this project's pipeline is the one ${registryName} stores (below).${row.registryProvenancePublicOnly ? ` ${registryName} stores it only for releases from a public repository: it refuses provenance from a private or internal one.` : ''}`
        : `Releases from GitLab CI carry no provenance attestation: neither GitLab CI nor ${registryName} offers one for this pipeline. What you can check is the release tag (above) and what ${registryName} records about each version (below).`,
      command: undefined,
    };
  }
  switch (row.servedFile) {
    case 'identical':
      return {
        text: `${registryName} serves the exact file the pipeline attested, so the same command verifies a file you downloaded from ${registryName}.`,
        command: undefined,
      };
    case 're-signed':
      return {
        text: `${registryName} adds its own repository signature to every package it accepts, so the file it serves is not byte for byte the attested release asset and \`gh attestation verify\` rejects it. Verify the release asset from the GitHub release instead, and check the ${registryName} download by its repository signature (below).`,
        command: undefined,
      };
    case 'bundle-member':
      return {
        text: `The attestation covers the bundle the pipeline uploaded (\`maven-bundle.tar.gz\`, attached to the GitHub release); ${registryName} serves the files inside it, each with a GPG signature. Verify the bundle, then check that the file you downloaded is the one in the bundle:`,
        command: `gh attestation verify maven-bundle.tar.gz --repo ${repo}\nmkdir bundle && tar -xzf maven-bundle.tar.gz -C bundle\nsha256sum DOWNLOADED.jar bundle/PATH/TO/DOWNLOADED.jar`,
      };
    case 'registry-built':
      return {
        text: `${registryName} builds its own archive from the tagged sources when the pipeline publishes, so what it serves is not the attested file. The attestation covers \`source.tar.gz\`, the \`git archive\` of the tag attached to the GitHub release: verify it, then compare its files with the package you downloaded.`,
        command: undefined,
      };
    default:
      return { text: '', command: undefined };
  }
}
