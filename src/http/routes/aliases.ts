// Aliases (another address delivering into a mailbox) and redirect-only addresses (forwarding
// to up to MAX_REDIRECT_TARGETS other addresses, stored nowhere here).
import { z } from 'zod';
import * as admin from '../../accounts/admin.js';
import { defineRoute } from '../route.js';
import { emailAddress, timestamp } from '../schemas.js';

const redirectSchema = z.object({ id: z.number().int(), address: z.string(), targets: z.array(z.string()) });

export const aliasRoutes = [
  defineRoute({
    method: 'GET',
    path: '/aliases',
    operationId: 'listAliases',
    summary: 'List aliases, optionally of one mailbox',
    tag: 'aliases',
    auth: 'admin',
    query: z.object({ mailbox: emailAddress('Only aliases of this mailbox').optional() }),
    response: z.object({
      aliases: z.array(z.object({ id: z.number().int(), alias: z.string(), mailbox: z.string(), createdAt: timestamp })),
    }),
    errors: [404],
    handler: async ({ ctx, query }) => ({
      aliases: (await admin.listAliases(ctx.admin, query.mailbox)).map((a) => ({ id: a.id, alias: a.address, mailbox: a.mailbox, createdAt: a.created_at })),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/aliases',
    operationId: 'addAlias',
    summary: 'Add an alias delivering into a mailbox',
    tag: 'aliases',
    auth: 'admin',
    body: z.strictObject({ alias: emailAddress('New address in a hosted domain'), mailbox: emailAddress('Existing mailbox') }),
    response: z.object({ id: z.number().int(), alias: z.string(), mailbox: z.string() }),
    status: 201,
    errors: [404, 409],
    handler: async ({ ctx, body }) => admin.addAlias(ctx.admin, body.alias, body.mailbox),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/aliases/:alias',
    operationId: 'removeAlias',
    summary: 'Remove an alias',
    tag: 'aliases',
    auth: 'admin',
    params: z.object({ alias: emailAddress('Alias address') }),
    response: z.object({ alias: z.string() }),
    errors: [404],
    handler: async ({ ctx, params }) => admin.removeAlias(ctx.admin, params.alias),
  }),
];

export const redirectRoutes = [
  defineRoute({
    method: 'GET',
    path: '/redirects',
    operationId: 'listRedirects',
    summary: 'List redirect-only addresses',
    tag: 'redirects',
    auth: 'admin',
    response: z.object({ redirects: z.array(redirectSchema) }),
    handler: async ({ ctx }) => ({ redirects: await admin.listRedirects(ctx.admin) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/redirects',
    operationId: 'addRedirect',
    summary: `Add an address that forwards to 1-${admin.MAX_REDIRECT_TARGETS} other addresses`,
    tag: 'redirects',
    auth: 'admin',
    body: z.strictObject({
      address: emailAddress('New address in a hosted domain'),
      targets: z.array(z.string().min(1).max(320)).min(1).max(admin.MAX_REDIRECT_TARGETS).describe('Where mail is forwarded'),
    }),
    response: redirectSchema,
    status: 201,
    errors: [409],
    handler: async ({ ctx, body }) => admin.addRedirect(ctx.admin, body.address, body.targets),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/redirects/:address',
    operationId: 'removeRedirect',
    summary: 'Remove a redirect-only address',
    tag: 'redirects',
    auth: 'admin',
    params: z.object({ address: emailAddress('Redirect address') }),
    response: z.object({ address: z.string() }),
    errors: [404],
    handler: async ({ ctx, params }) => admin.removeRedirect(ctx.admin, params.address),
  }),
];
