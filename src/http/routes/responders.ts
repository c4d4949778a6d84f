// Out-of-office responders (issue 7). A user manages those of the mailboxes they were granted
// with manage_responder (or manage); an administrator any mailbox's, and the domains' templates.
// Checks and errors are src/responder/service.ts's, the same as the CLI's.
import { z } from 'zod';
import * as svc from '../../responder/service.js';
import { requireMailbox } from '../../accounts/admin.js';
import { listAccess } from '../../store/accounts-repo.js';
import { forbidden } from '../auth.js';
import { defineRoute, type ApiContext, type AuthUser } from '../route.js';
import { domainName, emailAddress, timestamp } from '../schemas.js';

const MANAGE = new Set(['manage_responder', 'manage']);

/** Admins pass; a user needs manage_responder or manage on the mailbox (refused before revealing whether it exists). */
async function checkResponderAccess(ctx: ApiContext, user: AuthUser, address: string): Promise<void> {
  if (user.admin) return;
  const grants = await listAccess(ctx.deps.store.db, user.id);
  const m = await requireMailbox(ctx.deps.store.db, address, 'address').catch(() => null);
  const ok = m && grants.some((g) => g.mailbox_id === m.id && g.permissions.split(',').some((p) => MANAGE.has(p)));
  if (!ok) throw forbidden(`you may not manage the responders of ${address}`);
}

const svcCtx = (ctx: ApiContext) => ({ store: ctx.deps.store });

// Loose types here: the service checks the values and names the field (end before start, …).
const settingsBody = {
  subject: z.string().max(998).nullable().optional().describe("Subject of the reply; default: \"Auto: \" and the message's subject"),
  text: z.string().describe('The reply as plain text (required, not empty)'),
  html: z.string().nullable().optional().describe('The reply as HTML too (sent as multipart/alternative)'),
  start: z.string().nullable().optional().describe("From when (2026-07-01T09:00), in the mailbox's time zone"),
  end: z.string().nullable().optional().describe("Until when (exclusive), in the mailbox's time zone"),
  weekdays: z.array(z.union([z.string(), z.number().int()])).max(7).nullable().optional().describe('Only on these days: mon … sun, or 0 (Sunday) … 6'),
  exclude: z.array(z.string()).max(1000).optional().describe('Addresses (user@domain.xyz) or whole domains (@domain.xyz) never answered'),
  days: z.number().int().optional().describe('Once per sender per this many days (default 7)'),
};
const settingsSchema = z.object({
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  weekdays: z.array(z.number().int()).nullable(),
  from: z.string().nullable(),
  exclusions: z.array(z.string()),
  days: z.number().int(),
});
const responderSchema = z.object({
  name: z.string(),
  active: z.boolean(),
  settings: settingsSchema,
  template: z.string().nullable().describe('The template it was made from'),
  generation: z.number().int().describe('Resets so far (part of the vacation handle)'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const templateSchema = z.object({ name: z.string(), hidden: z.boolean(), autoApply: z.boolean(), settings: settingsSchema, updatedAt: timestamp });
const mailboxParams = z.object({ address: emailAddress('Mailbox address') });
const responderParams = mailboxParams.extend({ name: z.string().min(1).max(100).describe('Responder name') });
const fromParams = mailboxParams.extend({ from: emailAddress('Alternative From address') });
const domainParams = z.object({ name: domainName('Hosted domain') });
const templateParams = domainParams.extend({ template: z.string().min(1).max(100).describe('Template name') });
const fromStatus = z.object({ mailbox: z.string(), address: z.string(), status: z.enum(['own', 'code requested', 'verified']) });

export const responderRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/responders',
    operationId: 'listResponders',
    summary: "A mailbox's out-of-office responders (at most one active) and its time zone",
    tag: 'responders',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ mailbox: z.string(), timeZone: z.string(), responders: z.array(responderSchema) }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.listResponders(svcCtx(ctx), params.address);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/responders/:name',
    operationId: 'putResponder',
    summary: 'Save a responder (new or replacing one of that name); activate: also make it the active one',
    tag: 'responders',
    auth: 'user',
    params: responderParams,
    body: z.strictObject({ ...settingsBody, from: z.string().nullable().optional().describe("Alternative From: one of the mailbox's addresses or one verified by code"), activate: z.boolean().optional() }),
    response: responderSchema,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkResponderAccess(ctx, user, params.address);
      const { activate, ...input } = body;
      return svc.addResponder(svcCtx(ctx), params.address, params.name, input, { replace: true, activate });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/responders/:name/sieve',
    operationId: 'getResponderSieve',
    summary: 'The Sieve script the responder runs as at delivery',
    tag: 'responders',
    auth: 'user',
    params: responderParams,
    response: z.object({ script: z.string() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      return { script: await svc.responderSieve(svcCtx(ctx), params.address, params.name) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/active-responder',
    operationId: 'setActiveResponder',
    summary: 'Activate a responder by name (the other one is deactivated), or none with null',
    tag: 'responders',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({ name: z.string().min(1).max(100).nullable() }),
    response: z.object({ mailbox: z.string(), active: z.string().nullable() }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkResponderAccess(ctx, user, params.address);
      return body.name === null ? svc.deactivateResponder(svcCtx(ctx), params.address) : svc.activateResponder(svcCtx(ctx), params.address, body.name);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/responders/:name/reset',
    operationId: 'resetResponder',
    summary: 'Forget who was answered: the next message of every sender gets a reply again',
    tag: 'responders',
    auth: 'user',
    params: responderParams,
    response: z.object({ mailbox: z.string(), name: z.string(), reset: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.resetResponder(svcCtx(ctx), params.address, params.name);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address/responders/:name',
    operationId: 'removeResponder',
    summary: 'Delete a responder',
    tag: 'responders',
    auth: 'user',
    params: responderParams,
    response: z.object({ mailbox: z.string(), name: z.string(), removed: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.removeResponder(svcCtx(ctx), params.address, params.name);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/time-zone',
    operationId: 'setMailboxTimeZone',
    summary: "The mailbox's time zone (an IANA name), in which responder schedules are read",
    tag: 'responders',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({ timeZone: z.string().min(1).max(100) }),
    response: z.object({ mailbox: z.string(), timeZone: z.string() }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.setTimeZone(svcCtx(ctx), params.address, body.timeZone);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/responder-from',
    operationId: 'listResponderFromAddresses',
    summary: 'Alternative From addresses of the responders, verified or waiting for their code',
    tag: 'responders',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ mailbox: z.string(), addresses: z.array(z.object({ address: z.string(), status: z.string(), verifiedAt: timestamp.nullable() })) }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.listFromAddresses(svcCtx(ctx), params.address);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/responder-from',
    operationId: 'addResponderFromAddress',
    summary: 'Ask for a 6-digit code to be mailed to an alternative From address (own addresses need none)',
    tag: 'responders',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({ address: emailAddress('The address to send replies from') }),
    response: fromStatus,
    status: 201,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.addFromAddress(svcCtx(ctx), params.address, body.address);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/responder-from/:from/verify',
    operationId: 'verifyResponderFromAddress',
    summary: 'Enter the code mailed to the address (5 wrong codes: ask for a new one)',
    tag: 'responders',
    auth: 'user',
    params: fromParams,
    body: z.strictObject({ code: z.string().max(20) }),
    response: fromStatus,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.verifyFromAddress(svcCtx(ctx), params.address, params.from, body.code);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address/responder-from/:from',
    operationId: 'removeResponderFromAddress',
    summary: 'Forget an alternative From (responders using it reply from the mailbox again)',
    tag: 'responders',
    auth: 'user',
    params: fromParams,
    response: z.object({ mailbox: z.string(), address: z.string(), removed: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      return svc.removeFromAddress(svcCtx(ctx), params.address, params.from);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/responder-templates',
    operationId: 'listMailboxResponderTemplates',
    summary: "The templates of the mailbox's domain a user may apply (hidden ones are not listed)",
    tag: 'responders',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ domain: z.string(), templates: z.array(templateSchema) }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkResponderAccess(ctx, user, params.address);
      const m = await requireMailbox(ctx.deps.store.db, params.address, 'address');
      return svc.listTemplates(svcCtx(ctx), m.address.slice(m.address.lastIndexOf('@') + 1), { includeHidden: false });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/responder-templates/:template/apply',
    operationId: 'applyMailboxResponderTemplate',
    summary: "Copy a template of the mailbox's domain (not a hidden one) as a responder of the mailbox; activate: make it active",
    tag: 'responders',
    auth: 'user',
    params: mailboxParams.extend({ template: z.string().min(1).max(100).describe('Template name') }),
    body: z.strictObject({ activate: z.boolean().optional() }),
    response: z.object({ domain: z.string(), template: z.string(), mailboxes: z.array(z.string()), activated: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkResponderAccess(ctx, user, params.address);
      const m = await requireMailbox(ctx.deps.store.db, params.address, 'address');
      const domain = m.address.slice(m.address.lastIndexOf('@') + 1);
      return svc.applyTemplate(svcCtx(ctx), domain, params.template, { mailbox: m.address, activate: body.activate, includeHidden: false });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/domains/:name/responder-templates',
    operationId: 'listResponderTemplates',
    summary: "A domain's responder templates, hidden ones included",
    tag: 'responders',
    auth: 'admin',
    params: domainParams,
    response: z.object({ domain: z.string(), templates: z.array(templateSchema) }),
    errors: [404],
    handler: async ({ ctx, params }) => svc.listTemplates(svcCtx(ctx), params.name, { includeHidden: true }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/domains/:name/responder-templates/:template',
    operationId: 'putResponderTemplate',
    summary: 'Save a template (no From: each mailbox verifies its own); autoApply: given to every new mailbox of the domain',
    tag: 'responders',
    auth: 'admin',
    params: templateParams,
    body: z.strictObject({ ...settingsBody, hidden: z.boolean().optional(), autoApply: z.boolean().optional() }),
    response: templateSchema.extend({ domain: z.string() }),
    errors: [404],
    handler: async ({ ctx, params, body }) => {
      const { hidden, autoApply, ...input } = body;
      return svc.addTemplate(svcCtx(ctx), params.name, params.template, input, { hidden, autoApply });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/domains/:name/responder-templates/:template/apply',
    operationId: 'applyResponderTemplate',
    summary: 'Apply a template to one mailbox of the domain or to all of them, as a responder named after it; activate: make it active',
    tag: 'responders',
    auth: 'admin',
    params: templateParams,
    body: z.strictObject({ mailbox: emailAddress('Only this mailbox (default: all)').optional(), activate: z.boolean().optional() }),
    response: z.object({ domain: z.string(), template: z.string(), mailboxes: z.array(z.string()), activated: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, params, body }) => svc.applyTemplate(svcCtx(ctx), params.name, params.template, body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/domains/:name/responder-templates/:template',
    operationId: 'removeResponderTemplate',
    summary: 'Delete a template (responders made from it stay)',
    tag: 'responders',
    auth: 'admin',
    params: templateParams,
    response: z.object({ domain: z.string(), name: z.string(), removed: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, params }) => svc.removeTemplate(svcCtx(ctx), params.name, params.template),
  }),
];
