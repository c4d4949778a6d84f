// A mailbox's Sieve scripts over the API (the same operations as ManageSieve, through
// src/accounts/sieve-scripts.ts), for users granted manage_filters (or manage) on the mailbox and
// for admins; and the domain's redirect policy for raw scripts (admins).
import { z } from 'zod';
import * as scripts from '../../accounts/sieve-scripts.js';
import { defineRoute, type ApiContext, type AuthUser } from '../route.js';
import { domainName, emailAddress, timestamp } from '../schemas.js';
import { checkMailboxAccess } from './filters.js';

/** Room for a script at the largest limit once JSON-escaped. */
const SCRIPT_BODY_LIMIT = 4 * 1024 * 1024;

const scriptInfo = z.object({
  name: z.string(),
  active: z.boolean(),
  managed: z.boolean().describe("Written by the rule builder from its rules (edit the rules rather than the text)"),
  size: z.number().int().describe('Octets (UTF-8)'),
  updatedAt: timestamp,
});
const diagnostic = z.object({ line: z.number().int(), col: z.number().int(), message: z.string() });
const mailboxParams = z.object({ address: emailAddress('Mailbox address') });
const scriptParams = mailboxParams.extend({ name: z.string().min(1).max(1024).describe('Script name, URL-encoded') });
const scriptBody = z.strictObject({ script: z.string().describe('The Sieve script (RFC 5228), UTF-8') });
const policy = z.object({ domain: z.string(), redirect: z.enum(['allow', 'forbid']).describe('forbid: raw scripts (ManageSieve, the API) may not use redirect; the rule builder still may') });

async function owner(ctx: ApiContext, user: AuthUser, address: string): Promise<scripts.ScriptOwner> {
  await checkMailboxAccess(ctx, user, address);
  return scripts.scriptOwner(ctx.deps.store.db, address);
}

const service = (ctx: ApiContext): scripts.SieveScriptsContext => ({ store: ctx.deps.store, limits: ctx.deps.config.sieveScripts });

export const sieveRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/sieve/scripts',
    operationId: 'listSieveScripts',
    summary: "A mailbox's Sieve scripts (at most one active)",
    tag: 'sieve',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ scripts: z.array(scriptInfo) }),
    errors: [404],
    handler: async ({ ctx, user, params }) => ({ scripts: await scripts.listScripts(service(ctx), await owner(ctx, user, params.address)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/sieve/scripts/:name',
    operationId: 'getSieveScript',
    summary: 'One Sieve script with its text',
    tag: 'sieve',
    auth: 'user',
    params: scriptParams,
    response: scriptInfo.extend({ content: z.string() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => scripts.getScript(service(ctx), await owner(ctx, user, params.address), params.name),
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/sieve/scripts/:name',
    operationId: 'putSieveScript',
    summary: 'Create or replace a Sieve script (validated first: errors give line:col; an active script stays active)',
    tag: 'sieve',
    auth: 'user',
    params: scriptParams,
    body: scriptBody,
    bodyLimit: SCRIPT_BODY_LIMIT,
    response: z.object({ name: z.string(), created: z.boolean(), warnings: z.array(z.string()) }),
    errors: [404, 429],
    handler: async ({ ctx, user, params, body }) => scripts.putScript(service(ctx), await owner(ctx, user, params.address), params.name, body.script),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address/sieve/scripts/:name',
    operationId: 'deleteSieveScript',
    summary: 'Delete a Sieve script (not the active one: deactivate it first)',
    tag: 'sieve',
    auth: 'user',
    params: scriptParams,
    response: z.object({ deleted: z.string() }),
    errors: [404, 409],
    handler: async ({ ctx, user, params }) => scripts.deleteScript(service(ctx), await owner(ctx, user, params.address), params.name),
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/sieve/scripts/:name/rename',
    operationId: 'renameSieveScript',
    summary: 'Rename a Sieve script (the active one stays active)',
    tag: 'sieve',
    auth: 'user',
    params: scriptParams,
    body: z.strictObject({ newName: z.string().max(1024) }),
    response: z.object({ from: z.string(), to: z.string() }),
    errors: [404, 409],
    handler: async ({ ctx, user, params, body }) => scripts.renameScript(service(ctx), await owner(ctx, user, params.address), params.name, body.newName),
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/sieve/active',
    operationId: 'setActiveSieveScript',
    summary: 'Make a script the active one, or none with null (a raw script is validated again first)',
    tag: 'sieve',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({ name: z.string().max(1024).nullable() }),
    response: z.object({ active: z.string().nullable() }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => scripts.setActive(service(ctx), await owner(ctx, user, params.address), body.name),
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/sieve/check',
    operationId: 'checkSieveScript',
    summary: "Validate a script as an upload to this mailbox would be (its domain's redirect policy, its scripts for include) without storing it",
    tag: 'sieve',
    auth: 'user',
    params: mailboxParams,
    body: scriptBody,
    bodyLimit: SCRIPT_BODY_LIMIT,
    response: z.object({ valid: z.boolean(), errors: z.array(diagnostic).describe('Each as line:col: message'), warnings: z.array(z.string()) }),
    errors: [404, 429],
    handler: async ({ ctx, user, params, body }) => {
      const o = await owner(ctx, user, params.address);
      try {
        const r = await scripts.checkScript(service(ctx), o, body.script);
        return { valid: true, errors: [], warnings: r.warnings };
      } catch (err) {
        if (!(err instanceof scripts.SieveScriptError) || err.reason !== 'script') throw err;
        const errors = err.diagnostics.length ? err.diagnostics.map(({ line, col, message }) => ({ line, col, message })) : [{ line: 0, col: 0, message: err.message }];
        return { valid: false, errors, warnings: [] };
      }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/domains/:name/sieve',
    operationId: 'getDomainSieveSettings',
    summary: "A domain's Sieve settings: whether raw scripts may redirect",
    tag: 'sieve',
    auth: 'admin',
    params: z.object({ name: domainName('Hosted domain') }),
    response: policy,
    errors: [404],
    handler: async ({ ctx, params }) => scripts.getDomainSieveRedirect(ctx.deps.store, params.name),
  }),
  defineRoute({
    method: 'PUT',
    path: '/domains/:name/sieve',
    operationId: 'setDomainSieveSettings',
    summary: 'Allow or forbid redirect in raw scripts of a domain (uploads refused, and activation of stored ones)',
    tag: 'sieve',
    auth: 'admin',
    params: z.object({ name: domainName('Hosted domain') }),
    body: z.strictObject({ redirect: z.enum(['allow', 'forbid']) }),
    response: policy,
    errors: [404],
    handler: async ({ ctx, params, body }) => scripts.setDomainSieveRedirectPolicy(ctx.deps.store, params.name, body.redirect),
  }),
];
