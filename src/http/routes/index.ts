// The one route table: the router registers these and the OpenAPI document describes these.
import { z } from 'zod';
import { buildOpenApi } from '../openapi.js';
import { defineRoute, type ApiRoute } from '../route.js';
import { authRoutes } from './auth.js';
import { domainRoutes } from './domains.js';
import { dkimRoutes } from './dkim.js';
import { mailboxRoutes } from './mailboxes.js';
import { aliasRoutes, redirectRoutes } from './aliases.js';
import { userRoutes } from './users.js';
import { queueRoutes } from './queue.js';
import { dnsCheckRoutes } from './dns-check.js';
import { reportRoutes } from './reports.js';
import { redirectionRoutes } from './redirections.js';
import { filterRoutes } from './filters.js';
import { ruleRoutes } from './rules.js';
import { sieveRoutes } from './sieve.js';
import { spamRoutes } from './spam.js';
import { responderRoutes } from './responders.js';

let document: Record<string, unknown> | undefined;

const openApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApi',
  summary: 'This document',
  tag: 'meta',
  auth: 'none',
  response: z.record(z.string(), z.unknown()).describe('An OpenAPI 3.1 document'),
  handler: async () => (document ??= buildOpenApi(API_ROUTES)),
});

export const API_ROUTES: readonly ApiRoute[] = [
  ...authRoutes,
  ...domainRoutes,
  ...dkimRoutes,
  ...dnsCheckRoutes,
  ...mailboxRoutes,
  ...aliasRoutes,
  ...redirectRoutes,
  ...redirectionRoutes,
  ...filterRoutes,
  ...ruleRoutes,
  ...sieveRoutes,
  ...spamRoutes,
  ...responderRoutes,
  ...userRoutes,
  ...queueRoutes,
  ...reportRoutes,
  openApiRoute,
];
