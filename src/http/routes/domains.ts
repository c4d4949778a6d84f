// Hosted domains: list, add, remove (with every mailbox in it), recipient limits.
import { z } from 'zod';
import * as admin from '../../accounts/admin.js';
import { findDomain } from '../../store/domains-repo.js';
import type { Row } from '../../store/schema.js';
import { normalizeDomain } from '../../util/address.js';
import { defineRoute } from '../route.js';
import { domainName, limitsBody, nullableInt, timestamp } from '../schemas.js';

export const domainSchema = z.object({
  id: z.number().int(),
  name: z.string().describe('ASCII form (IDNs as punycode), lower case'),
  maxRecipientsPerMessage: nullableInt.describe('null: the server default'),
  maxRecipientsPer24h: nullableInt.describe('null: the server default'),
  createdAt: timestamp,
});

const domainOut = (d: Row<'domains'>): z.output<typeof domainSchema> => ({
  id: d.id,
  name: d.name,
  maxRecipientsPerMessage: d.max_recipients_per_message,
  maxRecipientsPer24h: d.max_recipients_per_24h,
  createdAt: d.created_at,
});

const nameParams = z.object({ name: domainName('Domain name') });

export const domainRoutes = [
  defineRoute({
    method: 'GET',
    path: '/domains',
    operationId: 'listDomains',
    summary: 'List hosted domains',
    tag: 'domains',
    auth: 'admin',
    response: z.object({ domains: z.array(domainSchema) }),
    handler: async ({ ctx }) => ({ domains: (await admin.listDomains(ctx.admin)).map(domainOut) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/domains',
    operationId: 'addDomain',
    summary: 'Add a hosted domain',
    tag: 'domains',
    auth: 'admin',
    body: z.strictObject({ name: domainName('Domain name; IDNs are accepted and stored as punycode') }),
    response: domainSchema,
    status: 201,
    errors: [409],
    handler: async ({ ctx, body }) => domainOut(await admin.addDomain(ctx.admin, body.name)),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/domains/:name',
    operationId: 'removeDomain',
    summary: 'Remove a domain with all its mailboxes, aliases, redirects and messages',
    tag: 'domains',
    auth: 'admin',
    params: nameParams,
    response: z.object({ domain: z.string() }),
    errors: [404],
    handler: async ({ ctx, params }) => admin.removeDomain(ctx.admin, params.name),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/domains/:name/limits',
    operationId: 'setDomainLimits',
    summary: 'Set the sending limits of a domain (a mailbox may override them)',
    tag: 'domains',
    auth: 'admin',
    params: nameParams,
    body: limitsBody,
    // An unknown domain is a 400 naming "domain" (admin.setDomainLimits), as for the CLI.
    response: z.object({ domain: z.string(), maxRecipientsPerMessage: nullableInt, maxRecipientsPer24h: nullableInt }),
    handler: async ({ ctx, params, body }) => {
      // Keys left out keep their value; admin.setDomainLimits reports an unknown domain.
      const ascii = normalizeDomain(params.name);
      const current = ascii ? await findDomain(ctx.deps.store.db, ascii) : undefined;
      return admin.setDomainLimits(
        ctx.admin,
        params.name,
        body.maxRecipientsPerMessage !== undefined ? body.maxRecipientsPerMessage : (current?.max_recipients_per_message ?? null),
        body.maxRecipientsPer24h !== undefined ? body.maxRecipientsPer24h : (current?.max_recipients_per_24h ?? null),
      );
    },
  }),
];
