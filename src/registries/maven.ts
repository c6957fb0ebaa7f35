import { MAVEN_STAGING } from '../toolchains/java.js';
import { defineRegistry } from './simple.js';

const STAGING = MAVEN_STAGING;

/**
 * Maven Central has no trusted publishing: a Central Portal token and a GPG key are stored as
 * environment secrets. The publish job signs and uploads the bundle the build job made with gpg,
 * zip and curl, so the secrets never meet the project's build (plugins run only in the build job).
 */
const signAndUpload = `mkdir -p bundle
tar -xzf dist/maven-bundle.tar.gz -C bundle
find bundle -name 'maven-metadata*' -delete
GNUPGHOME="$(mktemp -d)"
export GNUPGHOME
printf '%s\\n' "$MAVEN_GPG_PRIVATE_KEY" | gpg --batch --import
find bundle -type f ! -name '*.md5' ! -name '*.sha1' ! -name '*.asc' -print0 |
  while IFS= read -r -d '' file; do
    printf '%s' "$MAVEN_GPG_PASSPHRASE" |
      gpg --batch --yes --pinentry-mode loopback --passphrase-fd 0 --armor --detach-sign "$file"
  done
(cd bundle && zip -q -r ../central-bundle.zip .)
auth="$(printf '%s:%s' "$MAVEN_CENTRAL_USERNAME" "$MAVEN_CENTRAL_PASSWORD" | base64 -w 0)"
curl --fail-with-body --silent --show-error \\
  --header "Authorization: Bearer $auth" \\
  --form bundle=@central-bundle.zip \\
  'https://central.sonatype.com/api/v1/publisher/upload?publishingType=AUTOMATIC'`;

const secrets = [
  { name: 'MAVEN_CENTRAL_USERNAME', purpose: 'Central Portal user token name' },
  { name: 'MAVEN_CENTRAL_PASSWORD', purpose: 'Central Portal user token password' },
  {
    name: 'MAVEN_GPG_PRIVATE_KEY',
    purpose: 'ASCII-armoured private signing subkey used only for releases',
  },
  { name: 'MAVEN_GPG_PASSPHRASE', purpose: 'passphrase of that key' },
] as const;

export const maven = defineRegistry({
  id: 'maven',
  displayName: 'Maven Central',
  environment: 'maven-central',
  selfHostedTrustedPublishing: { github: false, gitlab: false },
  packageUrl: () => undefined,
  toolchain: 'java',
  release: {
    build: {
      // Maven deploys (Gradle publishes to mavenLocal) into the staging folder; the bundle of
      // that repository layout is what the publish job signs and uploads.
      build: (c) => `${c.pack ?? 'mvn --batch-mode --no-transfer-progress deploy -DskipTests'}
mkdir -p dist
tar -czf dist/maven-bundle.tar.gz -C ${STAGING} .`,
      listFiles: `find ${STAGING} -type f
find ${STAGING} -name '*.jar' -exec unzip -Z1 {} \\;`,
      listFilesHow: 'the staged repository and the contents of every jar (`unzip -Z1`)',
      listAfterBuild: true,
    },
    github: {
      oidc: false,
      steps: [{ name: 'Sign and upload the bundle to the Central Portal', run: signAndUpload }],
      secrets,
      variables: [],
    },
    gitlab: {
      oidc: false,
      image: 'debian:bookworm-slim',
      idTokens: {},
      script: [
        'apt-get update -qq\napt-get install -y -qq --no-install-recommends ca-certificates curl gnupg zip',
        signAndUpload,
      ],
      secrets,
    },
    registration: {
      github: {
        where: () => 'https://central.sonatype.com/account',
        firstPublish:
          'Verify your namespace on the Central Portal, generate a user token, and publish the public half of the signing key to keys.openpgp.org and keyserver.ubuntu.com before the first release.',
      },
      gitlab: {
        where: () => 'https://central.sonatype.com/account',
        firstPublish:
          'Verify your namespace on the Central Portal, generate a user token, and publish the public half of the signing key to keys.openpgp.org and keyserver.ubuntu.com before the first release.',
      },
    },
    servedFile: 'bundle-member',
    registryProvenance: { github: false, gitlab: false },
    verify: [
      {
        text: "Every file on Maven Central has a detached GPG signature (`.asc`); check it against the maintainers' published key:",
        command: 'gpg --verify ARTIFACT.jar.asc ARTIFACT.jar',
      },
    ],
  },
});
