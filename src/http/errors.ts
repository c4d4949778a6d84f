// Every error the API answers has one shape: { error, field?, message }. AppErrors from the admin
// operations keep their kind, status and field; zod failures become 400s naming the field;
// Fastify's own 4xx (bad JSON, body too large, wrong content type) keep their status; anything
// else is a 500 that says nothing about the cause and is logged in full.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError, invalid } from '../util/errors.js';

export const errorSchema = z.object({
  error: z.string().describe('Machine-readable kind: invalid, unauthorized, forbidden, not_found, conflict, limit, internal...'),
  field: z.string().optional().describe('The input field at fault, e.g. "quotaBytes" or "targets[3]"'),
  message: z.string().describe('For people; starts with the field when there is one'),
});

export type ErrorBody = z.infer<typeof errorSchema>;

/** `['targets', 3, 'x']` -> `targets[3].x` (the same notation the admin operations use). */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a JSON object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

/**
 * Default messages for issues whose schema gave none: short, and without zod's "Invalid input"
 * prefix. Passed per parse, so it changes nothing for other users of zod in the process.
 */
export const friendlyZodErrors: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'is required' : `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (iss.origin === 'array') return `give at least ${min} item${min === 1 ? '' : 's'}`;
      return `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'string') return `must be at most ${max} characters`;
      if (iss.origin === 'array') return `at most ${max} item${max === 1 ? '' : 's'}`;
      return `must be at most ${max}`;
    }
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    default:
      return undefined;
  }
};

/** The first issue of a failed parse, as the AppError the client sees. `where` names a whole-input failure. */
export function zodToAppError(error: z.ZodError, where: 'body' | 'query' | 'params'): AppError {
  const issue = error.issues[0];
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const field = formatPath(path) || where;
  return invalid(field, `${field}: ${issue.message}`);
}

/** Fastify's own client errors (FST_ERR_CTP_*, body limit...) mapped to an error kind. */
const KIND_BY_STATUS: Record<number, string> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'limit',
};

export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (err instanceof AppError) {
    return { status: err.httpStatus, body: { error: err.kind, ...(err.field ? { field: err.field } : {}), message: err.message }, internal: false };
  }
  if (err instanceof z.ZodError) {
    return toErrorResponse(zodToAppError(err, 'body'));
  }
  const fe = err as Partial<FastifyError> | null;
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { status, body: { error: KIND_BY_STATUS[status] ?? 'invalid', message: fe?.message ?? 'bad request' }, internal: false };
  }
  return { status: 500, body: { error: 'internal', message: 'internal error; the server log has the details' }, internal: true };
}

export function installErrorHandlers(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err, request, reply) => {
    const { status, body, internal } = toErrorResponse(err);
    if (internal) log.error({ err, method: request.method, url: request.url }, 'http request failed');
    void reply.code(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    void reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${path}` } satisfies ErrorBody);
  });
}
