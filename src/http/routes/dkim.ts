// DKIM keys of a hosted domain: the records to publish, and rotation.
import { z } from 'zod';
import { dkimReport, rotateDkimKeys } from '../../dkim/domain-keys.js';
import { defineRoute } from '../route.js';
import { domainName, timestamp, wholeNumber } from '../schemas.js';

const recordSchema = z.object({
  name: z.string().describe('Owner name, e.g. mc202611r._domainkey.example.com'),
  type: z.literal('TXT'),
  value: z.string().describe('The whole value, for DNS providers that take it in one field'),
  strings: z.array(z.string()).describe('The value as character-strings of at most 255 bytes, in order'),
  zone: z.string().describe('One zone-file line (BIND syntax)'),
});

const keySchema = z.object({
  selector: z.string(),
  algorithm: z.enum(['rsa', 'ed25519']),
  status: z.enum(['active', 'retiring', 'retired']).describe('active: signs; retiring: published, no longer signs; retired: remove its record'),
  signing: z.boolean(),
  published: z.boolean().describe('Whether its record must be in DNS now'),
  createdAt: timestamp,
  supersededAt: timestamp.nullable().describe('When a rotation replaced it'),
  retireAt: timestamp.nullable().describe('End of its grace period after a rotation'),
  record: recordSchema,
});

const reportSchema = z.object({
  domain: z.string(),
  keys: z.array(keySchema),
  records: z.array(recordSchema).describe('Every record that must be published now'),
});

const nameParams = z.object({ name: domainName('Domain name') });

export const dkimRoutes = [
  defineRoute({
    method: 'GET',
    path: '/domains/:name/dkim',
    operationId: 'getDomainDkim',
    summary: 'DKIM keys of a domain and the DNS TXT records to publish',
    tag: 'dkim',
    auth: 'admin',
    params: nameParams,
    response: reportSchema,
    errors: [404],
    handler: async ({ ctx, params }) => dkimReport(ctx.deps.store, params.name),
  }),
  defineRoute({
    method: 'POST',
    path: '/domains/:name/dkim/rotate',
    operationId: 'rotateDomainDkim',
    summary: 'New DKIM keys; the old ones stop signing and stay published for the grace period',
    tag: 'dkim',
    auth: 'admin',
    params: nameParams,
    body: z.strictObject({
      graceDays: wholeNumber(0, 'from 0 to 365')
        .max(365, { error: 'expected a whole number from 0 to 365' })
        .optional()
        .describe('Days the old keys stay published; {} for the configured dkim.rotationGraceDays'),
    }),
    response: reportSchema.extend({
      replaced: z.array(z.string()).describe('Selectors that signed until now'),
      graceDays: z.number().int(),
    }),
    errors: [404],
    handler: async ({ ctx, params, body }) =>
      rotateDkimKeys(ctx.deps.store, params.name, { graceDays: body.graceDays ?? ctx.deps.config.dkim.rotationGraceDays }),
  }),
];
