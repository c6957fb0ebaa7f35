/**
 * Request validation against GitHub's official OpenAPI description (the operations extracted
 * from @octokit/openapi by scripts/extract-openapi.mjs): path and method must be a documented
 * operation; path parameters and JSON bodies must validate against its schemas.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fixtureJson from '../fixtures/github-openapi/operations.json' with { type: 'json' };
import type { Reply } from './http.js';

interface Operation {
  operationId: string;
  parameters: { name: string; in: string; required?: boolean; schema?: object }[];
  requestBody: object | null;
  requestBodyRequired: boolean;
}
const fixture = fixtureJson as unknown as { operations: Record<string, Operation> };

// strict: false because the description carries OpenAPI keywords (example, x-github…); Ajv 8
// implements OpenAPI's `nullable` itself.
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);

interface Route {
  key: string;
  method: string;
  regex: RegExp;
  names: string[];
  op: Operation;
  body?: ValidateFunction;
  params: Map<string, ValidateFunction>;
}
const routes: Route[] = Object.entries(fixture.operations).map(([key, op]) => {
  const [method = '', template = ''] = key.split(' ');
  const names: string[] = [];
  const regex = new RegExp(
    `^${template.replace(/\{([^}]+)\}/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  const params = new Map<string, ValidateFunction>();
  for (const p of op.parameters)
    if (p.in === 'path' && p.schema) params.set(p.name, ajv.compile(p.schema));
  return {
    key,
    method,
    regex,
    names,
    op,
    params,
    ...(op.requestBody ? { body: ajv.compile(op.requestBody) } : {}),
  };
});

/** The operation key a request maps to, or the 4xx reply the real API would give. */
export function validateGithubRequest(
  method: string,
  path: string,
  body: unknown,
): { key: string; params: Record<string, string> } | Reply {
  const candidates = routes.filter((r) => r.regex.test(path));
  const route = candidates.find((r) => r.method === method);
  if (!route)
    return {
      status: 404,
      body: { message: `Not Found (no ${method} ${path} in the OpenAPI description)` },
    };
  const m = route.regex.exec(path) as RegExpExecArray;
  const params: Record<string, string> = {};
  for (const [i, name] of route.names.entries()) {
    const raw = decodeURIComponent(m[i + 1] ?? '');
    params[name] = raw;
    const check = route.params.get(name);
    const value = /^\d+$/.test(raw) ? Number(raw) : raw;
    if (check && !check(value))
      return { status: 422, body: { message: `Invalid path parameter ${name}` } };
  }
  if (route.body) {
    if (body === undefined && route.op.requestBodyRequired)
      return invalid(route.key, 'a body is required');
    if (body !== undefined && !route.body(body))
      return invalid(route.key, ajv.errorsText(route.body.errors));
  } else if (
    body !== undefined &&
    !(typeof body === 'object' && body !== null && Object.keys(body).length === 0)
  ) {
    return invalid(route.key, 'this operation takes no body');
  }
  return { key: route.key, params };
}

function invalid(key: string, why: string): Reply {
  return {
    status: 422,
    body: {
      message: `Invalid request for ${key}: ${why}`,
      documentation_url: 'https://docs.github.com/rest',
    },
  };
}
