import { PYTHON_IMAGE } from '../toolchains/python.js';
import { defineRegistry } from './simple.js';

const mintAndUpload = `PYPI_API_TOKEN="$(python - <<'PY'
import json, os, urllib.request
request = urllib.request.Request(
    "https://pypi.org/_/oidc/mint-token",
    data=json.dumps({"token": os.environ["PYPI_ID_TOKEN"]}).encode(),
    headers={"Content-Type": "application/json"},
)
with urllib.request.urlopen(request) as response:
    print(json.load(response)["token"])
PY
)"
TWINE_USERNAME=__token__ TWINE_PASSWORD="$PYPI_API_TOKEN" \\
  python -m twine upload --non-interactive --attestations ./dist/*`;

/**
 * PEP 740 attestations from GitLab CI (PyPI accepts them from GitLab trusted publishers): sign each
 * file with the job's `sigstore` ID token; twine uploads them beside the files.
 */
export const PYPI_GITLAB_ATTEST = `python -m pip install twine==6.1.0 pypi-attestations==0.0.21
python -m pypi_attestations sign ./dist/*.whl ./dist/*.tar.gz`;

export const pypi = defineRegistry({
  id: 'pypi',
  displayName: 'PyPI',
  environment: 'pypi',
  selfHostedTrustedPublishing: {
    github: false,
    gitlab:
      'PyPI trusts a GitLab self-managed instance only after PyPI staff onboard it for a PyPI organization (a beta): write to support+orgs@pypi.org with the instance URL; its /.well-known/openid-configuration and /oauth/discovery/keys must be reachable from the internet',
  },
  packageUrl: (name) => `https://pypi.org/project/${name}/`,
  toolchain: 'python',
  release: {
    build: {
      build: (c) => c.pack ?? 'python -m pip install build==1.2.2\npython -m build --outdir dist',
      listFiles: `for sdist in dist/*.tar.gz; do
  tar -tzf "$sdist"
done
for wheel in dist/*.whl; do
  python -c 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$wheel"
done`,
      listFilesHow: "the built sdist (`tar -tzf`) and wheel (Python's zipfile)",
      listAfterBuild: true,
    },
    github: {
      oidc: true,
      steps: [
        {
          name: 'Publish to PyPI with trusted publishing and PEP 740 attestations',
          action: 'pypa/gh-action-pypi-publish',
          with: { 'packages-dir': 'dist/', attestations: true },
        },
      ],
      secrets: [],
      variables: [],
    },
    gitlab: {
      oidc: true,
      image: PYTHON_IMAGE,
      idTokens: { PYPI_ID_TOKEN: 'pypi', SIGSTORE_ID_TOKEN: 'sigstore' },
      script: [PYPI_GITLAB_ATTEST, mintAndUpload],
      secrets: [],
    },
    registration: {
      github: {
        where: (name) => `https://pypi.org/manage/project/${name}/settings/publishing/`,
        firstPublish:
          'For a project that does not exist on PyPI yet, add a *pending* trusted publisher at https://pypi.org/manage/account/publishing/ with the same values: the first release then creates the project. A pending publisher does not reserve the name until it is used.',
      },
      gitlab: {
        where: (name) => `https://pypi.org/manage/project/${name}/settings/publishing/`,
        firstPublish:
          'For a project that does not exist on PyPI yet, add a *pending* GitLab trusted publisher at https://pypi.org/manage/account/publishing/ with the same values.',
      },
    },
    servedFile: 'identical',
    registryProvenance: { github: true, gitlab: true },
    verify: [
      {
        text: 'PyPI stores the PEP 740 attestation of every file; check a downloaded wheel or sdist against it:',
        command:
          'python -m pip install pypi-attestations\npypi-attestations verify pypi --repository REPOSITORY_URL pypi:FILE-NAME.whl',
      },
    ],
  },
});
