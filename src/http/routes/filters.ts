// Block and allow lists and temporary aliases. A user manages those of the mailboxes they were
// granted with the manage_filters (or manage) permission; an administrator any mailbox's and the
// domains' lists (which apply to every mailbox of the domain).
import { z } from 'zod';
import * as lists from '../../accounts/sender-lists.js';
import * as temp from '../../aliases/temporary.js';
import { requireMailbox } from '../../accounts/admin.js';
import { listAccess } from '../../store/accounts-repo.js';
import { MAX_ENTRY_LENGTH } from '../../filters/lists.js';
import { forbidden } from '../auth.js';
import { notFound } from '../../util/errors.js';
import { defineRoute, type ApiContext, type AuthUser } from '../route.js';
import { domainName, emailAddress, timestamp } from '../schemas.js';

const MANAGE = new Set(['manage_filters', 'manage']);

/** Admins pass; a user needs manage_filters or manage on the mailbox. Refused before revealing whether it exists. */
export async function checkMailboxAccess(ctx: ApiContext, user: AuthUser, address: string): Promise<void> {
  if (user.admin) return;
  const grants = await listAccess(ctx.deps.store.db, user.id);
  const m = await requireMailbox(ctx.deps.store.db, address, 'address').catch(() => null);
  const ok = m && grants.some((g) => g.mailbox_id === m.id && g.permissions.split(',').some((p) => MANAGE.has(p)));
  if (!ok) throw forbidden(`you may not manage the filters of ${address}`);
}

const entrySchema = z.object({ entry: z.string(), createdAt: timestamp });
const listsSchema = z.object({
  target: z.string().describe('The mailbox address, or @domain'),
  blockAction: z.enum(['spam', 'reject']).optional().describe('Mailboxes only: blocked senders go to Spam, or are refused'),
  block: z.array(entrySchema),
  allow: z.array(entrySchema),
});
const entryBody = z.strictObject({
  entry: z.string().min(1).max(MAX_ENTRY_LENGTH).describe('john@spam.xyz, *@spam.xyz, john*@spam.xyz, spam.xyz (with subdomains); * and ? are wildcards'),
});
const entryResult = z.object({ target: z.string(), kind: z.enum(['block', 'allow']), entry: z.string() });
const kind = z.enum(['block', 'allow']).describe('Which list');
const mailboxParams = z.object({ address: emailAddress('Mailbox address') });
const domainParams = z.object({ name: domainName('Hosted domain') });

const aliasSchema = z.object({
  id: z.number().int(),
  address: z.string(),
  mailbox: z.string(),
  note: z.string().nullable().describe('Which site it was given to'),
  folder: z.string().nullable().describe('Where its mail is filed (null: the Inbox)'),
  expiresAt: timestamp.nullable(),
  status: z.enum(['active', 'disabled', 'expired']),
  received: z.number().int().describe('Messages received through it'),
  lastReceivedAt: timestamp.nullable(),
  senders: z.array(z.object({ domain: z.string(), count: z.number().int(), firstSeenAt: timestamp, lastSeenAt: timestamp })).describe('Sender domains seen (From, else envelope): who leaked it'),
  createdAt: timestamp,
});
const aliasParams = z.object({ address: emailAddress('Mailbox address'), alias: emailAddress('Temporary alias') });

/** The alias must belong to the mailbox in the path (so access to one mailbox reaches only its aliases). */
async function aliasOf(ctx: ApiContext, mailbox: string, alias: string): Promise<string> {
  const { row, mailbox: m } = await temp.findLiveTemporaryAlias(ctx.deps.store.db, alias);
  const owner = await requireMailbox(ctx.deps.store.db, mailbox, 'address');
  if (m.id !== owner.id) throw notFound(`temporary alias ${alias} of ${owner.address}`, 'alias');
  return row.address;
}

export const filterRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/sender-lists',
    operationId: 'getMailboxSenderLists',
    summary: "A mailbox's block and allow lists and what blocked mail becomes",
    tag: 'filters',
    auth: 'user',
    params: mailboxParams,
    response: listsSchema,
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return lists.getLists(ctx.admin, { mailbox: params.address });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/sender-lists/:kind',
    operationId: 'addMailboxSenderListEntry',
    summary: "Add an entry to a mailbox's block or allow list (an allow entry matching your own address or domain is refused)",
    tag: 'filters',
    auth: 'user',
    params: mailboxParams.extend({ kind }),
    body: entryBody,
    response: entryResult,
    status: 201,
    errors: [404, 409, 429],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return lists.addListEntry(ctx.admin, { mailbox: params.address }, params.kind, body.entry);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address/sender-lists/:kind/:entry',
    operationId: 'removeMailboxSenderListEntry',
    summary: "Remove an entry from a mailbox's block or allow list",
    tag: 'filters',
    auth: 'user',
    params: mailboxParams.extend({ kind, entry: z.string().min(1).max(MAX_ENTRY_LENGTH).describe('The entry, URL-encoded') }),
    response: entryResult,
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return lists.removeListEntry(ctx.admin, { mailbox: params.address }, params.kind, params.entry);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/block-action',
    operationId: 'setMailboxBlockAction',
    summary: 'What mail from a blocked sender becomes: spam (into Spam) or reject (550 5.7.1 when every recipient rejects, else dropped)',
    tag: 'filters',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({ action: z.enum(['spam', 'reject']) }),
    response: z.object({ mailbox: z.string(), blockAction: z.enum(['spam', 'reject']) }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return lists.setBlockAction(ctx.admin, params.address, body.action);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/domains/:name/sender-lists',
    operationId: 'getDomainSenderLists',
    summary: "A domain's block and allow lists (for every mailbox of it)",
    tag: 'filters',
    auth: 'admin',
    params: domainParams,
    response: listsSchema,
    errors: [404],
    handler: async ({ ctx, params }) => lists.getLists(ctx.admin, { domain: params.name }),
  }),
  defineRoute({
    method: 'POST',
    path: '/domains/:name/sender-lists/:kind',
    operationId: 'addDomainSenderListEntry',
    summary: "Add an entry to a domain's block or allow list",
    tag: 'filters',
    auth: 'admin',
    params: domainParams.extend({ kind }),
    body: entryBody,
    response: entryResult,
    status: 201,
    errors: [404, 409, 429],
    handler: async ({ ctx, params, body }) => lists.addListEntry(ctx.admin, { domain: params.name }, params.kind, body.entry),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/domains/:name/sender-lists/:kind/:entry',
    operationId: 'removeDomainSenderListEntry',
    summary: "Remove an entry from a domain's block or allow list",
    tag: 'filters',
    auth: 'admin',
    params: domainParams.extend({ kind, entry: z.string().min(1).max(MAX_ENTRY_LENGTH).describe('The entry, URL-encoded') }),
    response: entryResult,
    errors: [404],
    handler: async ({ ctx, params }) => lists.removeListEntry(ctx.admin, { domain: params.name }, params.kind, params.entry),
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/temporary-aliases',
    operationId: 'listTemporaryAliases',
    summary: "A mailbox's temporary aliases with messages received and sender domains seen",
    tag: 'filters',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ temporaryAliases: z.array(aliasSchema) }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return { temporaryAliases: await temp.listTemporaryAliases(ctx.admin, params.address) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/temporary-aliases',
    operationId: 'addTemporaryAlias',
    summary: 'Create a temporary alias: random (prefix.xxxxxxxx@domain) or a chosen address in the mailbox\'s domain',
    tag: 'filters',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({
      address: emailAddress('A chosen address (else a random one)').optional(),
      prefix: z.string().max(100).optional().describe('Readable start of a random address (default: from the note)'),
      note: z.string().max(temp.MAX_NOTE_LENGTH).optional().describe('Which site it was given to'),
      folder: z.string().min(1).max(200).optional().describe('Existing folder its mail is filed into'),
      expiresAt: timestamp.nullable().optional().describe('From then on mail to it is refused'),
    }),
    response: aliasSchema,
    status: 201,
    errors: [404, 409, 429],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return temp.addTemporaryAlias(ctx.admin, params.address, body);
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/mailboxes/:address/temporary-aliases/:alias',
    operationId: 'updateTemporaryAlias',
    summary: 'Disable or re-enable a temporary alias, change its expiry or note',
    tag: 'filters',
    auth: 'user',
    params: aliasParams,
    body: z.strictObject({
      enabled: z.boolean().optional(),
      expiresAt: timestamp.nullable().optional(),
      note: z.string().max(temp.MAX_NOTE_LENGTH).nullable().optional(),
    }),
    response: aliasSchema,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return temp.updateTemporaryAlias(ctx.admin, await aliasOf(ctx, params.address, params.alias), body);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address/temporary-aliases/:alias',
    operationId: 'removeTemporaryAlias',
    summary: 'Delete a temporary alias: mail to it is refused and its address never given out again',
    tag: 'filters',
    auth: 'user',
    params: aliasParams,
    response: z.object({ alias: z.string(), mailbox: z.string(), deleted: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return temp.removeTemporaryAlias(ctx.admin, await aliasOf(ctx, params.address, params.alias));
    },
  }),
];
