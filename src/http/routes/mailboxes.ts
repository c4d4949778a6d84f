// Mailboxes (addresses that store mail), their quota and limits, and their device passwords
// (the per-device secrets IMAP and SMTP clients log in with).
import { z } from 'zod';
import * as admin from '../../accounts/admin.js';
import { MIN_DEVICE_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import { findMailbox } from '../../store/domains-repo.js';
import type { Row } from '../../store/schema.js';
import { parseAddress } from '../../util/address.js';
import { defineRoute } from '../route.js';
import { domainName, emailAddress, limitsBody, nullableInt, numericId, timestamp, wholeNumber } from '../schemas.js';

export const mailboxSchema = z.object({
  id: z.number().int(),
  address: z.string(),
  kind: z.enum(['mailbox', 'catchall']),
  displayName: z.string().nullable(),
  quotaBytes: z.number().int(),
  usedBytes: z.number().int(),
  maxRecipientsPerMessage: nullableInt.describe('null: the domain or server default'),
  maxRecipientsPer24h: nullableInt.describe('null: the domain or server default'),
  createdAt: timestamp,
});

const mailboxOut = (m: Row<'mailboxes'>): z.output<typeof mailboxSchema> => ({
  id: m.id,
  address: m.address,
  kind: m.kind,
  displayName: m.display_name,
  quotaBytes: m.quota_bytes,
  usedBytes: m.used_bytes,
  maxRecipientsPerMessage: m.max_recipients_per_message,
  maxRecipientsPer24h: m.max_recipients_per_24h,
  createdAt: m.created_at,
});

const quotaBytes = wholeNumber(0, 'of bytes, 0 or more');
const addressParams = z.object({ address: emailAddress('Mailbox address') });

const devicePasswordSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: timestamp.nullable(),
});

export const mailboxRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes',
    operationId: 'listMailboxes',
    summary: 'List mailboxes, optionally of one domain',
    tag: 'mailboxes',
    auth: 'admin',
    query: z.object({ domain: domainName('Only mailboxes of this domain').optional() }),
    response: z.object({ mailboxes: z.array(mailboxSchema) }),
    handler: async ({ ctx, query }) => ({ mailboxes: (await admin.listMailboxes(ctx.admin, query.domain)).map(mailboxOut) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes',
    operationId: 'addMailbox',
    summary: 'Create a mailbox (local part "catchall" makes the catch-all of its domain)',
    tag: 'mailboxes',
    auth: 'admin',
    body: z.strictObject({
      address: emailAddress('Address in a hosted domain'),
      displayName: z.string().max(200).optional(),
      quotaBytes: quotaBytes.optional().describe('Storage quota in bytes; the server default when left out'),
    }),
    response: mailboxSchema,
    status: 201,
    errors: [409],
    handler: async ({ ctx, body }) =>
      mailboxOut(await admin.addMailbox(ctx.admin, body.address, { displayName: body.displayName, quotaBytes: body.quotaBytes })),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address',
    operationId: 'removeMailbox',
    summary: 'Remove a mailbox and all its messages',
    tag: 'mailboxes',
    auth: 'admin',
    params: addressParams,
    response: z.object({ address: z.string() }),
    errors: [404],
    handler: async ({ ctx, params }) => admin.removeMailbox(ctx.admin, params.address),
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/quota',
    operationId: 'setQuota',
    summary: 'Set the storage quota of a mailbox',
    tag: 'mailboxes',
    auth: 'admin',
    params: addressParams,
    body: z.strictObject({ quotaBytes }),
    response: z.object({ address: z.string(), quotaBytes: z.number().int(), usedBytes: z.number().int() }),
    errors: [404],
    handler: async ({ ctx, params, body }) => admin.setQuota(ctx.admin, params.address, body.quotaBytes),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/mailboxes/:address/limits',
    operationId: 'setMailboxLimits',
    summary: 'Set the sending limits of a mailbox (overriding its domain)',
    tag: 'mailboxes',
    auth: 'admin',
    params: addressParams,
    body: limitsBody,
    response: z.object({ address: z.string(), maxRecipientsPerMessage: nullableInt, maxRecipientsPer24h: nullableInt }),
    errors: [404],
    handler: async ({ ctx, params, body }) => {
      // Keys left out keep their value; admin.setMailboxLimits reports an unknown mailbox.
      const parsed = parseAddress(params.address);
      const current = parsed ? await findMailbox(ctx.deps.store.db, parsed.address) : undefined;
      return admin.setMailboxLimits(
        ctx.admin,
        params.address,
        body.maxRecipientsPerMessage !== undefined ? body.maxRecipientsPerMessage : (current?.max_recipients_per_message ?? null),
        body.maxRecipientsPer24h !== undefined ? body.maxRecipientsPer24h : (current?.max_recipients_per_24h ?? null),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/device-passwords',
    operationId: 'listDevicePasswords',
    summary: 'List the device passwords of a mailbox (never the passwords themselves)',
    tag: 'mailboxes',
    auth: 'admin',
    params: addressParams,
    response: z.object({ devicePasswords: z.array(devicePasswordSchema) }),
    errors: [404],
    handler: async ({ ctx, params }) => ({ devicePasswords: await admin.listDevicePasswords(ctx.admin, params.address) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/device-passwords',
    operationId: 'addDevicePassword',
    summary: 'Create a device password; a generated one is returned in this response only',
    tag: 'mailboxes',
    auth: 'admin',
    params: addressParams,
    body: z.strictObject({
      name: z.string().min(1).max(100).describe('What the device is, e.g. "phone"'),
      password: z
        .string()
        .min(MIN_DEVICE_PASSWORD_LENGTH)
        .max(1024)
        .optional()
        .describe('Leave out to have one generated (recommended)'),
    }),
    response: z.object({
      id: z.number().int(),
      mailbox: z.string(),
      name: z.string(),
      createdAt: timestamp,
      generated: z.boolean(),
      password: z.string().optional().describe('Only when generated; shown this once, never stored in clear'),
    }),
    status: 201,
    errors: [404],
    handler: async ({ ctx, params, body }) => {
      const r = await admin.addDevicePassword(ctx.admin, params.address, body.name, body.password);
      const generated = body.password === undefined;
      return { id: r.id, mailbox: r.mailbox, name: r.name, createdAt: r.createdAt, generated, ...(generated ? { password: r.password } : {}) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/mailboxes/:address/device-passwords/:id',
    operationId: 'revokeDevicePassword',
    summary: 'Revoke a device password',
    tag: 'mailboxes',
    auth: 'admin',
    params: z.object({ address: emailAddress('Mailbox address'), id: numericId.describe('Id from the list') }),
    response: z.object({ mailbox: z.string(), id: z.number().int(), revoked: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, params }) => admin.revokeDevicePassword(ctx.admin, params.address, params.id),
  }),
];
