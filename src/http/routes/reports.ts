// What received DMARC aggregate and TLS-RPT reports say about our domains.
import { z } from 'zod';
import { dmarcSummary, MAX_DAYS, tlsSummary } from '../../reports/summary.js';
import { defineRoute } from '../route.js';
import { domainName, timestamp } from '../schemas.js';

const query = z.strictObject({
  domain: domainName('Only this policy domain').optional(),
  days: z
    .string()
    .regex(/^\d{1,4}$/, { error: `expected a whole number of days from 1 to ${MAX_DAYS}` })
    .transform(Number)
    .optional()
    .describe('Reports whose period ended within this many days (default 30)'),
});

const count = z.number().int();
const counts = { messages: count, pass: count.describe('Messages that passed DMARC (aligned DKIM or SPF)'), fail: count };

export const reportRoutes = [
  defineRoute({
    method: 'GET',
    path: '/reports/dmarc',
    operationId: 'dmarcReportSummary',
    summary: 'DMARC aggregate reports received: per domain, messages passing and failing DMARC by source IP and reporter',
    tag: 'reports',
    auth: 'admin',
    query,
    response: z.object({
      since: timestamp,
      until: timestamp,
      domains: z.array(
        z.object({
          domain: z.string(),
          reports: count,
          ...counts,
          dispositions: z.record(z.string(), count).describe('Messages by what the receivers did (none, quarantine, reject)'),
          sources: z.array(z.object({ sourceIp: z.string(), ...counts })).describe('Busiest first, at most 100'),
          reporters: z.array(z.object({ orgName: z.string(), reports: count, ...counts })),
        }),
      ),
    }),
    handler: async ({ ctx, query: q }) => dmarcSummary(ctx.deps.store, { domain: q.domain, days: q.days ?? 30, now: Date.now() }),
  }),
  defineRoute({
    method: 'GET',
    path: '/reports/tls',
    operationId: 'tlsReportSummary',
    summary: 'TLS-RPT reports received: per domain, sessions to us that negotiated TLS or failed, by reporter and failure type',
    tag: 'reports',
    auth: 'admin',
    query,
    response: z.object({
      since: timestamp,
      until: timestamp,
      domains: z.array(
        z.object({
          domain: z.string(),
          reports: count,
          successfulSessions: count,
          failedSessions: count,
          reporters: z.array(z.object({ orgName: z.string(), reports: count, successfulSessions: count, failedSessions: count })),
          failures: z.array(z.object({ resultType: z.string().describe('RFC 8460 result type'), sessions: count })),
        }),
      ),
    }),
    handler: async ({ ctx, query: q }) => tlsSummary(ctx.deps.store, { domain: q.domain, days: q.days ?? 30, now: Date.now() }),
  }),
];
