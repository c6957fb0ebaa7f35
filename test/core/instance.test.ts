/**
 * The host instance as data (core/instance.ts): which URLs `--host-url` accepts, the API root it
 * implies, and how an `--api-url` given alone is read. Security-relevant: the token is sent to
 * the API root and every link in the written files points at the web root.
 */
import { describe, expect, it } from 'vitest';
import {
  instanceOf,
  instanceUrlProblem,
  PUBLIC_INSTANCES,
  trimRoot,
  webRootOf,
} from '../../src/core/instance.js';
import { withActionsAppId, planGithub } from '../../src/hosts/github/planner.js';
import { githubDesired } from '../../src/hosts/github/settings-read.js';
import { answers } from '../support/answers.js';
import { hostFor } from '../../src/hosts/index.js';
import { policyFor } from '../../src/registries/index.js';

describe('instanceUrlProblem', () => {
  it.each([
    'https://git.example.com',
    'https://git.example.com/',
    'https://git.example.com:8443',
    'https://git.example.com/gitlab',
    'https://git.example.com/tools/gitlab/',
    'https://10.0.0.7',
    'https://GIT.Example.com',
    'https://a.b-c.example',
    'https://git.example.com/gitlab.v2/x_y~z',
    'https://git.example.com:443/',
  ])('accepts %s', (url) => {
    expect(instanceUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ['http://git.example.com', '"http://git.example.com" must use https'],
    ['ftp://git.example.com', '"ftp://git.example.com" must use https'],
    ['https://u:p@git.example.com', 'must not contain credentials'],
    ['https://u@git.example.com', 'must not contain credentials'],
    ['https://:pw@git.example.com', 'must not contain credentials'],
    ['https://@git.example.com', 'must not contain credentials'],
    ['https://:@git.example.com', 'must not contain credentials'],
    ['https://git.example.com/x/https://u@h', 'has a path'],
    ['https:\\\\u@git.example.com', 'must not contain credentials'],
    ['https:\\\\:pw@git.example.com', 'must not contain credentials'],
    ['file:///etc/passwd', '"file:///etc/passwd" must use https'],
    ['https://git.example.com?', 'must not contain a query (?) or fragment (#)'],
    ['https://git.example.com/#', 'must not contain a query (?) or fragment (#)'],
    ['https://git.example.com/x?y=1', 'must not contain a query (?) or fragment (#)'],
    ['git.example.com', 'is not a URL'],
    ['https://', 'is not a URL'],
    ['https://-git.example.com', 'does not name a host like git.example.com'],
    ['https://git_example.com', 'does not name a host like git.example.com'],
    ['https://git..example.com', 'does not name a host like git.example.com'],
    ['https://[::1]', 'does not name a host like git.example.com'],
    ['https://git.example.com/a b', 'has a path'],
    ['https://git.example.com/a/../b', 'has a path'],
    ['https://git.example.com/./b', 'has a path'],
    ['https://git.example.com/a%2fb', 'has a path'],
    ['https://git.example.com//a', 'has a path'],
    ['https://git.example.com:99999', 'is not a URL'],
  ])('refuses %s: %s', (url, message) => {
    expect(instanceUrlProblem(url)).toContain(message);
  });

  it('refuses a value longer than 200 characters, and accepts one of exactly 200', () => {
    const base = 'https://git.example.com/';
    expect(instanceUrlProblem(base + 'a'.repeat(200 - base.length))).toBeUndefined();
    expect(instanceUrlProblem(base + 'a'.repeat(201 - base.length))).toBe(
      'is 201 characters long; at most 200',
    );
  });

  it('quotes at most 80 characters of a bad value', () => {
    const long = `http://${'a'.repeat(100)}.example`;
    expect(instanceUrlProblem(long)).toBe(
      `${JSON.stringify(long.slice(0, 80))} must use https (the token is sent there and the links in your files point there), e.g. https://${'a'.repeat(100)}.example`,
    );
    expect(instanceUrlProblem('file:///x')).toMatch(/e\.g\. https:\/\/git\.example\.com$/);
  });

  it('suggests the https address of the same host', () => {
    expect(instanceUrlProblem('http://git.example.com:8080/x')).toBe(
      '"http://git.example.com:8080/x" must use https (the token is sent there and the links in your files point there), e.g. https://git.example.com:8080',
    );
  });
});

describe('instanceOf', () => {
  it('is the public instance without --host-url or --api-url', () => {
    expect(instanceOf({ host: 'github' })).toEqual(PUBLIC_INSTANCES.github);
    expect(instanceOf({ host: 'gitlab' })).toEqual(PUBLIC_INSTANCES.gitlab);
    expect(PUBLIC_INSTANCES.github).toEqual({
      kind: 'github',
      webUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      selfHosted: false,
    });
  });

  it('derives the API root of a self-hosted instance: GHES /api/v3, GitLab /api/v4', () => {
    expect(instanceOf({ host: 'github', hostUrl: 'https://ghe.example.com/' })).toEqual({
      kind: 'github',
      webUrl: 'https://ghe.example.com',
      apiUrl: 'https://ghe.example.com/api/v3',
      selfHosted: true,
    });
    expect(instanceOf({ host: 'gitlab', hostUrl: 'https://x.example/gitlab' })).toEqual({
      kind: 'gitlab',
      webUrl: 'https://x.example/gitlab',
      apiUrl: 'https://x.example/gitlab/api/v4',
      selfHosted: true,
    });
  });

  it('lets --api-url override the derived API root', () => {
    expect(
      instanceOf({
        host: 'github',
        hostUrl: 'https://ghe.example.com',
        apiUrl: 'https://api.ghe.example.com//',
      }),
    ).toMatchObject({ webUrl: 'https://ghe.example.com', apiUrl: 'https://api.ghe.example.com' });
  });

  it('reads the public web root as the public instance', () => {
    expect(instanceOf({ host: 'github', hostUrl: 'https://GitHub.com/' })).toEqual(
      PUBLIC_INSTANCES.github,
    );
    expect(instanceOf({ host: 'gitlab', hostUrl: 'https://gitlab.com' })).toEqual(
      PUBLIC_INSTANCES.gitlab,
    );
  });

  it('is another instance when only the API root is not the public one', () => {
    expect(
      instanceOf({
        host: 'github',
        hostUrl: 'https://github.com',
        apiUrl: 'https://proxy.example',
      }),
    ).toEqual({
      kind: 'github',
      webUrl: 'https://github.com',
      apiUrl: 'https://proxy.example',
      selfHosted: true,
    });
  });

  it('takes an --api-url given alone as another instance, with its web root', () => {
    expect(instanceOf({ host: 'github', apiUrl: 'https://ghe.example.com/api/v3' })).toEqual({
      kind: 'github',
      webUrl: 'https://ghe.example.com',
      apiUrl: 'https://ghe.example.com/api/v3',
      selfHosted: true,
    });
    expect(instanceOf({ host: 'github', apiUrl: 'https://api.github.com/' })).toEqual(
      PUBLIC_INSTANCES.github,
    );
    expect(instanceOf({ host: 'gitlab', apiUrl: 'https://gitlab.com/api/v4' })).toEqual(
      PUBLIC_INSTANCES.gitlab,
    );
    expect(instanceOf({ host: 'gitlab', apiUrl: 'http://127.0.0.1:9/api/v4' })).toMatchObject({
      webUrl: 'http://127.0.0.1:9',
      selfHosted: true,
    });
  });

  it('webRootOf strips only the API suffix of its own host kind', () => {
    expect(webRootOf('github', 'https://x.example/api/v3')).toBe('https://x.example');
    expect(webRootOf('github', 'https://x.example/API/V3')).toBe('https://x.example');
    expect(webRootOf('github', 'https://x.example/api/v4')).toBe('https://x.example/api/v4');
    expect(webRootOf('gitlab', 'https://x.example/api/v4')).toBe('https://x.example');
    expect(webRootOf('github', 'https://API.github.com')).toBe('https://github.com');
    expect(webRootOf('github', 'http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(trimRoot('https://x.example///')).toBe('https://x.example');
  });
});

describe('the GitHub Actions app of required status checks', () => {
  // Built lazily inside the tests, so a broken module fails tests instead of the collection.
  const settingsFiles = () => {
    const a = answers('github');
    return Object.fromEntries(
      hostFor('github')
        .settingsFiles(a, policyFor(a))
        .map((f) => [f.path, f.content]),
    );
  };
  const desiredOf = () => {
    const files = settingsFiles();
    return githubDesired(
      'acme/widget',
      files['.github/settings.yml'],
      new Map(Object.entries(files)),
    );
  };
  const current = {
    repository: {},
    vulnerabilityAlerts: false,
    automatedSecurityFixes: false,
    privateVulnerabilityReporting: false,
    immutableReleases: false,
    workflowPermissions: {},
    rulesets: [],
    environments: {},
    reviewers: {},
  } as const;
  const checksOf = (plan: ReturnType<typeof planGithub>) =>
    plan.changes
      .flatMap(
        (c) =>
          (c.request?.body as { rules?: { type: string; parameters?: Record<string, unknown> }[] })
            ?.rules ?? [],
      )
      .filter((r) => r.type === 'required_status_checks')
      .flatMap((r) => r.parameters?.['required_status_checks'] as Record<string, unknown>[]);

  it('the ruleset files name GitHub Actions by its github.com id, 15368', () => {
    expect(settingsFiles()['.github/rulesets/default-branch.json']).toContain(
      '"integration_id": 15368',
    );
  });

  it('on github.com keeps 15368 when the lookup is unavailable, and says so', () => {
    const plan = planGithub(
      desiredOf(),
      { ...current, actionsAppId: { unavailable: { reason: 'HTTP 503' } } },
      'https://api.github.com',
    );
    expect(checksOf(plan).map((c) => c['integration_id'])).toEqual(checksOf(plan).map(() => 15368));
    expect(checksOf(plan).length).toBeGreaterThan(0);
    expect(plan.advice).toEqual([
      {
        id: 'actions-app',
        resource: 'GitHub Actions app for required status checks',
        status: 'met',
        message:
          "GET /apps/github-actions failed (HTTP 503); using github.com's GitHub Actions app id 15368",
      },
    ]);
  });

  it('on github.com with the lookup answered says nothing extra', () => {
    const plan = planGithub(
      desiredOf(),
      { ...current, actionsAppId: 15368 },
      'https://api.github.com',
    );
    expect(plan.advice).toEqual([]);
    expect(checksOf(plan).every((c) => c['integration_id'] === 15368)).toBe(true);
  });

  it('on an instance uses the id it reports', () => {
    const plan = planGithub(desiredOf(), { ...current, actionsAppId: 77 }, 'https://x/api/v3', {
      selfHosted: true,
    });
    expect(checksOf(plan).every((c) => c['integration_id'] === 77)).toBe(true);
    expect(plan.advice?.[0]).toMatchObject({ id: 'actions-app', status: 'met' });
  });

  it('on an instance without the lookup unpins the checks and says it is weaker', () => {
    const plan = planGithub(desiredOf(), current, 'https://x/api/v3', { selfHosted: true });
    expect(checksOf(plan).length).toBeGreaterThan(0);
    expect(checksOf(plan).some((c) => 'integration_id' in c)).toBe(false);
    expect(plan.advice?.[0]).toMatchObject({ status: 'unknown' });
    expect(plan.advice?.[0]?.message).toContain('not looked up');
  });

  it('re-pins only checks that name the github.com app, and returns the same body otherwise', () => {
    const body = {
      name: 'x',
      rules: [
        {
          type: 'required_status_checks',
          parameters: {
            required_status_checks: [
              { context: 'a', integration_id: 15368 },
              { context: 'b', integration_id: 99 },
              { context: 'c' },
            ],
          },
        },
        { type: 'deletion' },
      ],
    };
    expect(withActionsAppId(body, 15368)).toBe(body);
    expect(withActionsAppId({ name: 'y', rules: [{ type: 'deletion' }] }, 5)).toEqual({
      name: 'y',
      rules: [{ type: 'deletion' }],
    });
    expect(withActionsAppId(body, 7).rules[0]).toEqual({
      type: 'required_status_checks',
      parameters: {
        required_status_checks: [
          { context: 'a', integration_id: 7 },
          { context: 'b', integration_id: 99 },
          { context: 'c' },
        ],
      },
    });
    expect(withActionsAppId(body, undefined).rules[0]?.parameters?.required_status_checks).toEqual([
      { context: 'a' },
      { context: 'b', integration_id: 99 },
      { context: 'c' },
    ]);
  });
});
