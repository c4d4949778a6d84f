// The spam filter over the API: a mailbox's settings, reports on a message (spam, phishing, not
// spam) that teach the filter, the spam-wave report (a user's mailbox, or all for an admin) and
// the phishing reports users made (admin).
import { z } from 'zod';
import { requireMailbox } from '../../accounts/admin.js';
import { getSpamSettings, setSpamSettings } from '../../accounts/spam-settings.js';
import { EventBus } from '../../events/bus.js';
import { REPORT_KINDS, reportMessage } from '../../filters/spam-reports.js';
import { MAX_WAVE_DAYS, spamWaveReport } from '../../filters/spam-waves.js';
import { listAccess } from '../../store/accounts-repo.js';
import { listPhishingReports } from '../../store/spam-repo.js';
import { forbidden } from '../auth.js';
import { defineRoute, type ApiContext, type AuthUser } from '../route.js';
import { emailAddress, timestamp } from '../schemas.js';

/** Admins pass; a user needs one of `permissions` on the mailbox. Refused before revealing whether it exists. */
async function requireGrant(ctx: ApiContext, user: AuthUser, address: string, permissions: string[], what: string) {
  const m = await requireMailbox(ctx.deps.store.db, address, 'address').catch(() => null);
  if (user.admin && m) return m;
  const grants = user.admin ? [] : await listAccess(ctx.deps.store.db, user.id);
  const ok = m && grants.some((g) => g.mailbox_id === m.id && g.permissions.split(',').some((p) => permissions.includes(p)));
  if (!ok) throw forbidden(`you may not ${what} ${address}`);
  return m;
}

const FILTERS = ['manage_filters', 'manage'];
const READ = ['read', 'manage'];
let fallbackEvents: EventBus | undefined;

const mailboxParams = z.object({ address: emailAddress('Mailbox address') });
const settingsSchema = z.object({
  mailbox: z.string(),
  spamFilter: z.boolean().describe('Spam and phishing go to Spam'),
  categoryFilter: z.boolean().describe('Promotions and social-network notifications go to their folders'),
  rejectAbove: z.number().nullable().describe('Refuse at SMTP time (550 5.7.1) at or above this score; null: never'),
  expiryDays: z.number().int().nullable().describe("Days Spam and Trash keep messages; null: the server's default; 0: forever"),
});
const settingsBody = z.strictObject({
  spamFilter: z.boolean().optional(),
  categoryFilter: z.boolean().optional(),
  rejectAbove: z.number().min(5).max(1000).nullable().optional(),
  expiryDays: z.number().int().min(0).max(3650).nullable().optional(),
});
const waveRow = z.object({ value: z.string().nullable(), count: z.number().int(), mailboxes: z.number().int(), lastAt: timestamp });
const waveSchema = z.object({ days: z.number().int(), since: timestamp, mailbox: z.string().nullable(), bySender: z.array(waveRow), byDomain: z.array(waveRow), byIp: z.array(waveRow), byReason: z.array(waveRow) });
const daysQuery = z.object({ days: z.coerce.number().int().min(1).max(MAX_WAVE_DAYS).default(7).describe('How many days back') });

export const spamRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/spam-settings',
    operationId: 'getSpamSettings',
    summary: "A mailbox's spam and promotions/social filter settings",
    tag: 'spam',
    auth: 'user',
    params: mailboxParams,
    response: settingsSchema,
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await requireGrant(ctx, user, params.address, FILTERS, 'manage the filters of');
      return getSpamSettings(ctx.admin, params.address);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/spam-settings',
    operationId: 'setSpamSettings',
    summary: 'Turn the spam filter or the promotions/social filter on or off, set a reject score or the Spam/Trash expiry (fields left out stay)',
    tag: 'spam',
    auth: 'user',
    params: mailboxParams,
    body: settingsBody,
    response: settingsSchema,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await requireGrant(ctx, user, params.address, FILTERS, 'manage the filters of');
      return setSpamSettings(ctx.admin, params.address, body);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/messages/:folder/:uid/report',
    operationId: 'reportMessage',
    summary: 'Report a message as spam (to Spam, trains, optionally blocks the sender), phishing (the same, recorded for the admin) or not spam (to the Inbox, trains, allows the sender)',
    tag: 'spam',
    auth: 'user',
    params: mailboxParams.extend({ folder: z.string().min(1).max(1000).describe('Folder name, URL-encoded'), uid: z.coerce.number().int().positive() }),
    body: z.strictObject({ kind: z.enum(REPORT_KINDS), block: z.boolean().optional().describe('spam/phishing: also block the sender') }),
    response: z.object({
      mailbox: z.string(),
      kind: z.enum(REPORT_KINDS),
      training: z.enum(['trained', 'reversed', 'already']),
      folder: z.string().describe('Where the message is now'),
      uid: z.number().int().describe('Its UID there'),
      sender: z.string().nullable(),
      list: z.object({ kind: z.enum(['block', 'allow']), added: z.boolean(), entry: z.string().nullable(), reason: z.string().optional() }).optional(),
      phishingReportId: z.number().int().optional(),
    }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await requireGrant(ctx, user, params.address, READ, 'report messages of');
      const d = ctx.deps;
      const events = d.events ?? (fallbackEvents ??= new EventBus());
      return reportMessage({ store: d.store, blobs: d.blobs, config: d.config, log: d.log, now: Date.now, events }, ctx.admin, { mailbox: params.address, folder: params.folder, uid: params.uid, kind: body.kind, block: body.block, reporter: user.email });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/spam/waves',
    operationId: 'getMailboxSpamWaves',
    summary: "Spam filed into a mailbox's Spam lately, by sender, domain, IP and reason",
    tag: 'spam',
    auth: 'user',
    params: mailboxParams,
    query: daysQuery,
    response: waveSchema,
    errors: [404],
    handler: async ({ ctx, user, params, query }) => {
      const m = await requireGrant(ctx, user, params.address, READ, 'read');
      return spamWaveReport(ctx.deps.store.db, { days: query.days, now: Date.now(), mailbox: { id: m.id, address: m.address } });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/spam/waves',
    operationId: 'getSpamWaves',
    summary: 'Spam filed lately across every mailbox, by sender, domain, IP and reason',
    tag: 'spam',
    auth: 'admin',
    query: daysQuery,
    response: waveSchema,
    handler: async ({ ctx, query }) => spamWaveReport(ctx.deps.store.db, { days: query.days, now: Date.now() }),
  }),
  defineRoute({
    method: 'GET',
    path: '/spam/phishing-reports',
    operationId: 'getPhishingReports',
    summary: 'Phishing reported by users: sender, links, authentication results and reporter (newest first, at most 500)',
    tag: 'spam',
    auth: 'admin',
    query: daysQuery,
    response: z.array(z.object({ id: z.number().int(), mailboxId: z.number().int().nullable(), reporter: z.string(), envelopeSender: z.string().nullable(), from: z.string().nullable(), subject: z.string().nullable(), messageId: z.string().nullable(), urls: z.array(z.string()), authenticationResults: z.string().nullable(), createdAt: timestamp })),
    handler: async ({ ctx, query }) =>
      (await listPhishingReports(ctx.deps.store.db, Date.now() - query.days * 86_400_000)).map((r) => ({
        id: Number(r.id),
        mailboxId: r.mailbox_id === null ? null : Number(r.mailbox_id),
        reporter: r.reporter,
        envelopeSender: r.envelope_sender,
        from: r.from_header,
        subject: r.subject,
        messageId: r.message_id,
        urls: JSON.parse(r.urls) as string[],
        authenticationResults: r.authentication_results,
        createdAt: Number(r.created_at),
      })),
  }),
];
