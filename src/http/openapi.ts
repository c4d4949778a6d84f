// The OpenAPI 3.1 document, generated from the route table: paths, parameters, request bodies and
// response shapes all come from the zod schemas the router validates with (z.toJSONSchema), so
// the document describes exactly what the server accepts and returns.
import { z } from 'zod';
import { errorSchema } from './errors.js';
import { SESSION_COOKIE } from './auth.js';
import { openApiPath, type ApiRoute } from './route.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema, without the `$schema` key (OpenAPI 3.1 fixes the dialect). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Path or query parameters: one OpenAPI parameter per property of the object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input; `field` names the culprit',
  401: 'Not authenticated, or wrong credentials',
  403: 'Not allowed: not an administrator, or a cross-origin cookie request',
  404: 'Not found',
  409: 'Conflicts with what exists',
  429: 'Too many failed attempts; see Retry-After',
  500: 'Internal error (logged on the server)',
};

const errorRef = { $ref: '#/components/schemas/Error' };

export function buildOpenApi(routes: readonly ApiRoute[], info: { title?: string; version?: string } = {}): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const seen = new Set<string>();
  for (const r of routes) {
    if (seen.has(r.operationId)) throw new Error(`operationId ${r.operationId} used twice`);
    seen.add(r.operationId);
    const path = openApiPath(r.path);
    const method = r.method.toLowerCase();
    if (paths[path]?.[method]) throw new Error(`${r.method} ${path} defined twice`);

    const errorStatuses = new Set<number>(r.errors ?? []);
    if (r.params || r.query || r.body) errorStatuses.add(400);
    if (r.auth !== 'none') errorStatuses.add(401);
    if (r.auth === 'admin') errorStatuses.add(403);
    if (r.method !== 'GET') errorStatuses.add(403); // cross-origin cookie requests (auth.ts checkOrigin)
    errorStatuses.add(500);

    const responses: Record<string, JsonSchema> = {
      [String(r.status ?? 200)]: {
        description: 'Success',
        // 'input' view: response schemas have no transforms, and unlike 'output' it does not add
        // additionalProperties: false, so clients stay free to accept fields added later.
        content: { 'application/json': { schema: jsonSchema(r.response, 'input') } },
      },
    };
    for (const s of [...errorStatuses].sort((a, b) => a - b)) {
      responses[String(s)] = { description: STATUS_TEXT[s] ?? 'Error', content: { 'application/json': { schema: errorRef } } };
    }

    const params = [...parameters(r.params, 'path'), ...parameters(r.query, 'query')];
    (paths[path] ??= {})[method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      // An empty list overrides the document-wide requirement: anyone may call it.
      security: r.auth === 'none' ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
      ...(r.auth === 'admin' ? { 'x-mailcove-admin': true, description: 'Requires an administrator.' } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }
        : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'Mailcove API',
      version: info.version ?? '1',
      description:
        'Administration API of a Mailcove mail server. Authenticate with an API token (Authorization: Bearer) ' +
        `or the ${SESSION_COOKIE} cookie from POST /api/v1/auth/login. Every error has the Error shape.`,
    },
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (mc_...), created with POST /api/v1/users/{email}/tokens or the CLI' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/v1/auth/login' },
      },
      schemas: { Error: jsonSchema(errorSchema, 'input') },
    },
  };
}
