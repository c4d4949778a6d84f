// `mailcove spam settings|waves|phishing`: the same operations as the JSON API
// (src/accounts/spam-settings.ts, src/filters/spam-waves.ts), so the rules cannot drift apart.
import type { AdminContext } from '../accounts/admin.js';
import { requireMailbox } from '../accounts/admin.js';
import { getSpamSettings, setSpamSettings, type SpamSettingsChange, type SpamSettingsView } from '../accounts/spam-settings.js';
import { MAX_WAVE_DAYS, spamWaveReport, type SpamWaveReport } from '../filters/spam-waves.js';
import { listPhishingReports } from '../store/spam-repo.js';
import { openStorage } from '../store/storage.js';
import { parseIntArg, UsageError } from './args.js';
import { type Command, type Io } from './command.js';
import { printJson, printTable } from './output.js';


const flag = (io: Io, name: string): string | undefined => {
  const v = io.args.flags.get(name);
  return v === true ? '' : v;
};

async function withAdmin<T>(io: Io, fn: (ctx: AdminContext) => Promise<T>): Promise<T> {
  const { store, blobs } = await openStorage(io.config);
  try {
    return await fn({ store, blobs, defaultQuotaBytes: io.config.mailbox.defaultQuotaBytes });
  } finally {
    await store.close();
  }
}

function onOff(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'on' || v === 'off') return v === 'on';
  throw new UsageError(`--${name}: "${v}" is not on or off`);
}

function number(name: string, v: string | undefined, offWord: string): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === offWord) return null;
  const n = Number(v);
  if (v === '' || !Number.isFinite(n)) throw new UsageError(`--${name}: "${v}" is not a number or ${offWord}`);
  return n;
}

function daysOf(io: Io): number {
  if (!io.args.flags.has('days')) return 7;
  const n = parseIntArg('--days', flag(io, 'days'));
  if (n < 1 || n > MAX_WAVE_DAYS) throw new UsageError(`--days: ${n} must be from 1 to ${MAX_WAVE_DAYS}`);
  return n;
}

function printSettings(s: SpamSettingsView, defaultDays: number): void {
  console.log(`${s.mailbox}
  spam filter (spam and phishing → Spam):          ${s.spamFilter ? 'on' : 'off'}
  promotions/social filter (→ their folders):      ${s.categoryFilter ? 'on' : 'off'}
  refuse at SMTP time at or above score:           ${s.rejectAbove ?? 'off'}
  Spam and Trash keep messages for:                ${s.expiryDays === null ? `${defaultDays} days (server default)` : s.expiryDays === 0 ? 'ever' : `${s.expiryDays} days`}`);
}

function printWaves(r: SpamWaveReport): void {
  console.log(`spam filed${r.mailbox ? ` for ${r.mailbox}` : ''} in the last ${r.days} days`);
  for (const [title, rows] of [['by sender', r.bySender], ['by sender domain', r.byDomain], ['by client IP', r.byIp], ['by main reason', r.byReason]] as const) {
    console.log(`\n${title}`);
    printTable(rows.map((x) => ({ ...x })), ['value', 'count', 'mailboxes', 'lastAt']);
  }
}

export const spamCommands: Record<string, Command> = {
  'spam settings': {
    usage: 'spam settings <mailbox> [--spam on|off] [--promotions on|off] [--reject-above N|off] [--expiry-days N|default]',
    summary: 'show or change the spam and promotions/social filters of a mailbox (no flags: show)',
    run: (io) => withAdmin(io, async (ctx) => {
      const mailbox = io.args.positionals[0];
      if (!mailbox) throw new UsageError('missing <mailbox>');
      const change: SpamSettingsChange = {
        spamFilter: onOff('spam', flag(io, 'spam')),
        categoryFilter: onOff('promotions', flag(io, 'promotions')),
        rejectAbove: number('reject-above', flag(io, 'reject-above'), 'off'),
        expiryDays: number('expiry-days', flag(io, 'expiry-days'), 'default'),
      };
      const changing = Object.values(change).some((v) => v !== undefined);
      const s = changing ? await setSpamSettings(ctx, mailbox, change) : await getSpamSettings(ctx, mailbox);
      if (io.json) printJson(s);
      else printSettings(s, io.config.spam.expiryDays);
    }),
  },
  'spam waves': {
    usage: 'spam waves [<mailbox>] [--days N]',
    summary: 'recent spam by sender, domain, IP and reason (every mailbox, or one)',
    run: (io) => withAdmin(io, async (ctx) => {
      const days = daysOf(io);
      const address = io.args.positionals[0];
      const m = address ? await requireMailbox(ctx.store.db, address, 'mailbox') : undefined;
      const r = await spamWaveReport(ctx.store.db, { days, now: Date.now(), mailbox: m && { id: m.id, address: m.address } });
      if (io.json) printJson(r);
      else printWaves(r);
    }),
  },
  'spam phishing': {
    usage: 'spam phishing [--days N]',
    summary: 'phishing reported by users: sender, links, authentication results, reporter',
    run: (io) => withAdmin(io, async (ctx) => {
      const days = daysOf(io);
      const rows = await listPhishingReports(ctx.store.db, Date.now() - days * 86_400_000);
      if (io.json) printJson(rows.map((r) => ({ ...r, urls: JSON.parse(r.urls) as string[] })));
      else printTable(rows.map((r) => ({ ...r, urls: (JSON.parse(r.urls) as string[]).slice(0, 3) })), ['created_at', 'reporter', 'from_header', 'subject', 'urls', 'authentication_results']);
    }),
  },
};
