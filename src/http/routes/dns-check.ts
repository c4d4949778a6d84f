// The domain security check of a hosted domain, for the web app: the same report as
// `mailcove dns check --json`. A report full of errors is still a 200: the check itself worked.
import { z } from 'zod';
import { runDnsCheck } from '../../dns-check/run.js';
import { CHECK_NAMES } from '../../dns-check/types.js';
import { defineRoute } from '../route.js';
import { domainName, timestamp } from '../schemas.js';

const status = z.enum(['ok', 'warning', 'error']);

export const dnsReportSchema = z.object({
  domain: z.string().describe('ASCII form, lower case'),
  status: status.describe('The worst status of all findings'),
  checkedAt: timestamp,
  checks: z.array(
    z.object({
      name: z.enum(CHECK_NAMES).describe('Record family; a family has one finding per problem, or one ok'),
      status,
      code: z.string().describe('Stable identifier of the finding, e.g. spf-too-many-lookups: key on it, not on the wording'),
      message: z.string(),
      fix: z.string().optional().describe('What to do, in plain words (may span lines)'),
      record: z.string().optional().describe('Zone-file lines to publish, one per line'),
    }),
  ),
});

export const dnsCheckRoutes = [
  defineRoute({
    method: 'GET',
    path: '/domains/:name/dns-check',
    operationId: 'checkDomainDns',
    summary: "Check a hosted domain's MX, SPF, DKIM, DMARC, MTA-STS and TLS-RPT records and this server's reverse DNS",
    tag: 'dns-check',
    auth: 'admin',
    params: z.object({ name: domainName('Domain name') }),
    response: dnsReportSchema,
    errors: [404],
    handler: async ({ ctx, params }) => runDnsCheck({ store: ctx.deps.store, config: ctx.deps.config }, params.name),
  }),
];
