// A mailbox's redirection, and whether each target on another server has confirmed by its link.
import { z } from 'zod';
import { MAX_REDIRECT_TARGETS } from '../../accounts/admin.js';
import * as redirections from '../../accounts/redirections.js';
import { defineRoute } from '../route.js';
import { emailAddress, timestamp } from '../schemas.js';

const mailboxRedirectSchema = z.object({
  address: z.string(),
  targets: z.array(z.string()),
  keepCopy: z.boolean().describe('The mailbox also keeps what it redirects'),
});

const targetStateSchema = z.object({
  address: z.string().describe('The redirecting address (mailbox or redirect-only address)'),
  target: z.string(),
  status: z.enum(['confirmed', 'pending', 'expired']).describe('pending: no mail flows until the link is used; expired: send a new link'),
  sentAt: timestamp.nullable().describe('When the confirmation link was sent (null: not yet)'),
  expiresAt: timestamp.nullable(),
  confirmedAt: timestamp.nullable(),
});

const addressParams = z.object({ address: emailAddress('Mailbox address') });

export const redirectionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/redirect',
    operationId: 'getMailboxRedirect',
    summary: 'The addresses a mailbox redirects to',
    tag: 'redirections',
    auth: 'admin',
    params: addressParams,
    response: mailboxRedirectSchema,
    errors: [404],
    handler: async ({ ctx, params }) => redirections.getMailboxRedirect(ctx.admin, params.address),
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/redirect',
    operationId: 'setMailboxRedirect',
    summary: 'Redirect a mailbox (no targets: stop); targets on other servers are sent a confirmation link first',
    tag: 'redirections',
    auth: 'admin',
    params: addressParams,
    body: z.strictObject({
      targets: z.array(z.string().min(1).max(320)).max(MAX_REDIRECT_TARGETS).describe('Where mail is redirected'),
      keepCopy: z.boolean().default(true).describe('Also keep a copy in the mailbox'),
    }),
    response: mailboxRedirectSchema,
    errors: [404],
    handler: async ({ ctx, params, body }) => redirections.setMailboxRedirect(ctx.admin, params.address, body.targets, body.keepCopy),
  }),
  defineRoute({
    method: 'GET',
    path: '/redirect-targets',
    operationId: 'listRedirectTargets',
    summary: 'Redirect targets on other servers and whether they confirmed',
    tag: 'redirections',
    auth: 'admin',
    query: z.object({ address: emailAddress('Only the targets of this redirecting address').optional() }),
    response: z.object({ targets: z.array(targetStateSchema) }),
    handler: async ({ ctx, query }) => ({ targets: await redirections.listTargetStates(ctx.admin, query.address) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/redirect-targets/resend',
    operationId: 'resendRedirectConfirmation',
    summary: 'Send a target a new confirmation link (the previous one stops working)',
    tag: 'redirections',
    auth: 'admin',
    body: z.strictObject({ address: emailAddress('The redirecting address'), target: emailAddress('The target') }),
    response: targetStateSchema,
    errors: [404],
    handler: async ({ ctx, body }) => redirections.resendConfirmation(ctx.admin, body.address, body.target),
  }),
];
