// Every `mailcove` command in one table: its usage line and what it does. Admin commands open the
// same data directory as the running server (SQLite in WAL mode allows both) and go through the
// same operations as the JSON API (src/accounts/admin.ts), so the rules cannot drift apart.
import os from 'node:os';
import type { Config } from '../config/schema.js';
import * as admin from '../accounts/admin.js';
import * as redirections from '../accounts/redirections.js';
import { countUsers } from '../store/accounts-repo.js';
import { listQueue, removeFromQueue, retryQueue } from '../queue/admin.js';
import { traceMessage } from '../delivery/trace.js';
import { runDnsCheck } from '../dns-check/run.js';
import { openStorage } from '../store/storage.js';
import { dkimReport, rotateDkimKeys, type DkimReport } from '../dkim/domain-keys.js';
import { sieveCheck, sieveTest, type SieveCliOptions } from '../sieve/cli.js';
import { parseAddress } from '../util/address.js';
import { parseIntArg, parseSize, UsageError } from './args.js';
import { arg, type Command, type Io } from './command.js';
import { printJson, printTable } from './output.js';
import { printDnsReport } from './dns-report.js';
import { reportCommands } from './reports.js';
import { filterCommands } from './filters.js';
import { ruleCommands } from './rules.js';
import { sieveScriptCommands } from './sieve-scripts.js';
import { spamCommands } from './spam.js';
import { responderCommands } from './responders.js';


function flag(io: Io, name: string): string | undefined {
  const v = io.args.flags.get(name);
  return v === true ? undefined : v;
}

async function withAdmin<T>(io: Io, fn: (ctx: admin.AdminContext) => Promise<T>): Promise<T> {
  const { store, blobs } = await openStorage(io.config);
  try {
    return await fn({ store, blobs, defaultQuotaBytes: io.config.mailbox.defaultQuotaBytes });
  } finally {
    await store.close();
  }
}

function out(io: Io, value: unknown, human: () => void): void {
  if (io.json) printJson(value);
  else human();
}

const limitValue = (io: Io, name: string): number | null => {
  const v = flag(io, name);
  if (v === undefined || v === 'default') return null;
  return parseIntArg(`--${name}`, v);
};

/** The first administrator, made once per installation; its password is shown once. */
export async function initInstallation(config: Config, adminEmail?: string) {
  return withAdmin({ config, args: { positionals: [], flags: new Map() }, json: false }, async (ctx) => {
    if ((await countUsers(ctx.store.db)) > 0) return null;
    const candidates = [adminEmail, `admin@${config.hostname}`, `admin@${os.hostname()}.local`, 'admin@mailcove.local'];
    const email = candidates.find((c) => c && parseAddress(c))!;
    return admin.addUser(ctx, email, { admin: true });
  });
}

function printDkim(r: DkimReport): void {
  console.log(`DKIM keys of ${r.domain} (every active key signs each message)`);
  printTable(r.keys.map((k) => ({ ...k, signing: k.signing ? 'yes' : 'no' })), ['selector', 'algorithm', 'status', 'signing', 'createdAt', 'retireAt']);
  console.log('\nDNS TXT records to publish (zone-file lines; no string longer than 255 bytes):');
  for (const rec of r.records) console.log(rec.zone);
  const retired = r.keys.filter((k) => k.status === 'retired').map((k) => k.record.name);
  if (retired.length) console.log(`\nretired, remove from DNS: ${retired.join(', ')}`);
}

export const COMMANDS: Record<string, Command> = {
  init: {
    usage: 'init [--admin-email EMAIL]',
    summary: 'create the data directory, database and first admin (one-time password printed)',
    async run(io) {
      const created = await initInstallation(io.config, flag(io, 'admin-email'));
      out(io, created ? { dataDir: io.config.dataDir, admin: created } : { dataDir: io.config.dataDir, admin: null }, () => {
        console.log(`data directory: ${io.config.dataDir}`);
        if (created) console.log(`first admin: ${created.email}\none-time password: ${created.password}\n(change it at first login)`);
        else console.log('already initialised: an administrator exists');
      });
    },
  },
  'config check': {
    usage: 'config check',
    summary: 'validate the configuration and print the effective values',
    async run(io) {
      out(io, { ok: true, config: io.config }, () => {
        console.log('configuration is valid');
        console.log(JSON.stringify(io.config, null, 2));
      });
    },
  },
  'domain add': {
    usage: 'domain add <domain>',
    summary: 'host a domain (one Mail Service)',
    run: (io) => withAdmin(io, async (ctx) => {
      const d = await admin.addDomain(ctx, arg(io, 0, 'domain'));
      out(io, d, () => console.log(`domain ${d.name} added\nits DKIM records to publish: mailcove domain dkim ${d.name}`));
    }),
  },
  'domain list': {
    usage: 'domain list',
    summary: 'list hosted domains',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await admin.listDomains(ctx);
      out(io, rows, () => printTable(rows, ['name', 'max_recipients_per_message', 'max_recipients_per_24h', 'created_at']));
    }),
  },
  'domain remove': {
    usage: 'domain remove <domain>',
    summary: 'remove a domain with all its mailboxes and mail',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.removeDomain(ctx, arg(io, 0, 'domain'));
      out(io, r, () => console.log(`domain ${r.domain} removed`));
    }),
  },
  'domain limits': {
    usage: 'domain limits <domain> [--per-message N|default] [--per-24h N|default]',
    summary: 'set the sending limits of every mailbox of a domain',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.setDomainLimits(ctx, arg(io, 0, 'domain'), limitValue(io, 'per-message'), limitValue(io, 'per-24h'));
      out(io, r, () => console.log(`limits of ${r.domain}: ${r.maxRecipientsPerMessage ?? 'default'} per message, ${r.maxRecipientsPer24h ?? 'default'} per 24h`));
    }),
  },
  'domain dkim': {
    usage: 'domain dkim <domain>',
    summary: 'DKIM keys of a domain and the DNS TXT records to publish',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await dkimReport(ctx.store, arg(io, 0, 'domain'));
      out(io, r, () => printDkim(r));
    }),
  },
  'domain dkim rotate': {
    usage: 'domain dkim rotate <domain> [--grace-days N]',
    summary: 'new DKIM keys; the old stay published N days (default dkim.rotationGraceDays), then retire',
    run: (io) => withAdmin(io, async (ctx) => {
      const grace = flag(io, 'grace-days');
      const graceDays = grace === undefined ? io.config.dkim.rotationGraceDays : parseIntArg('--grace-days', grace);
      const r = await rotateDkimKeys(ctx.store, arg(io, 0, 'domain'), { graceDays });
      out(io, r, () => {
        const signing = r.keys.filter((k) => k.signing).map((k) => k.selector);
        console.log(`new DKIM keys for ${r.domain}: ${signing.join(', ')} sign from now on`);
        const until = r.keys.find((k) => r.replaced.includes(k.selector))?.retireAt;
        if (r.replaced.length && until !== undefined && until !== null) {
          console.log(r.graceDays > 0
            ? `${r.replaced.join(', ')} sign no more and stay published until ${new Date(until).toISOString()} (${r.graceDays} days); remove their records after that`
            : `${r.replaced.join(', ')} are retired now: remove their records`);
        }
        console.log('');
        printDkim(r);
      });
    }),
  },
  'mailbox add': {
    usage: 'mailbox add <address> [--name "Display Name"] [--quota 10G]',
    summary: 'create a mailbox (catchall@domain makes the catch-all)',
    run: (io) => withAdmin(io, async (ctx) => {
      const quota = flag(io, 'quota');
      const m = await admin.addMailbox(ctx, arg(io, 0, 'address'), {
        displayName: flag(io, 'name'),
        quotaBytes: quota === undefined ? undefined : parseSize('--quota', quota),
      });
      out(io, m, () => console.log(`mailbox ${m.address} created${m.kind === 'catchall' ? ' (catch-all: receives mail for unknown addresses, cannot send)' : ''}`));
    }),
  },
  'mailbox list': {
    usage: 'mailbox list [--domain DOMAIN]',
    summary: 'list mailboxes',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await admin.listMailboxes(ctx, flag(io, 'domain'));
      out(io, rows, () => printTable(rows, ['address', 'kind', 'display_name', 'used_bytes', 'quota_bytes']));
    }),
  },
  'mailbox remove': {
    usage: 'mailbox remove <address>',
    summary: 'delete a mailbox and all its mail',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.removeMailbox(ctx, arg(io, 0, 'address'));
      out(io, r, () => console.log(`mailbox ${r.address} removed`));
    }),
  },
  'mailbox quota': {
    usage: 'mailbox quota <address> <size>',
    summary: 'set a mailbox quota (e.g. 10G; 0 = unlimited)',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.setQuota(ctx, arg(io, 0, 'address'), parseSize('size', arg(io, 1, 'size')));
      out(io, r, () => console.log(`quota of ${r.address}: ${r.quotaBytes} bytes (${r.usedBytes} used)`));
    }),
  },
  'mailbox limits': {
    usage: 'mailbox limits <address> [--per-message N|default] [--per-24h N|default]',
    summary: 'set the sending limits of one mailbox',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.setMailboxLimits(ctx, arg(io, 0, 'address'), limitValue(io, 'per-message'), limitValue(io, 'per-24h'));
      out(io, r, () => console.log(`limits of ${r.address}: ${r.maxRecipientsPerMessage ?? 'default'} per message, ${r.maxRecipientsPer24h ?? 'default'} per 24h`));
    }),
  },
  'mailbox redirect': {
    usage: 'mailbox redirect <address> [<target> ...] [--keep-copy yes|no]',
    summary: 'redirect a mailbox (no targets: stop); targets elsewhere must confirm by a link first',
    run: (io) => withAdmin(io, async (ctx) => {
      const keep = flag(io, 'keep-copy') ?? 'yes';
      if (keep !== 'yes' && keep !== 'no') throw new UsageError('--keep-copy: yes or no');
      const r = await redirections.setMailboxRedirect(ctx, arg(io, 0, 'address'), io.args.positionals.slice(1), keep === 'yes');
      out(io, r, () => console.log(r.targets.length ? `${r.address} → ${r.targets.join(', ')}${r.keepCopy ? ' (keeps a copy)' : ''}` : `${r.address} no longer redirects`));
    }),
  },
  'device-password add': {
    usage: 'device-password add <mailbox> <name> [--password SECRET]',
    summary: 'create an IMAP/SMTP password for one device (shown once)',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.addDevicePassword(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'name'), flag(io, 'password'));
      out(io, r, () => console.log(`device password "${r.name}" (id ${r.id}) for ${r.mailbox}:\n${r.password}\n(shown once)`));
    }),
  },
  'device-password list': {
    usage: 'device-password list <mailbox>',
    summary: 'list device passwords with last use',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await admin.listDevicePasswords(ctx, arg(io, 0, 'mailbox'));
      out(io, rows, () => printTable(rows, ['id', 'name', 'createdAt', 'lastUsedAt', 'lastUsedIp', 'revokedAt']));
    }),
  },
  'device-password revoke': {
    usage: 'device-password revoke <mailbox> <id>',
    summary: 'revoke one device password',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.revokeDevicePassword(ctx, arg(io, 0, 'mailbox'), parseIntArg('id', arg(io, 1, 'id')));
      out(io, r, () => console.log(`device password ${r.id} of ${r.mailbox} revoked`));
    }),
  },
  'alias add': {
    usage: 'alias add <alias> <mailbox>',
    summary: 'give a mailbox another address',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.addAlias(ctx, arg(io, 0, 'alias'), arg(io, 1, 'mailbox'));
      out(io, r, () => console.log(`alias ${r.alias} → ${r.mailbox}`));
    }),
  },
  'alias list': {
    usage: 'alias list [--mailbox ADDRESS]',
    summary: 'list aliases',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await admin.listAliases(ctx, flag(io, 'mailbox'));
      out(io, rows, () => printTable(rows, ['address', 'mailbox', 'created_at']));
    }),
  },
  'alias remove': {
    usage: 'alias remove <alias>',
    summary: 'remove an alias',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.removeAlias(ctx, arg(io, 0, 'alias'));
      out(io, r, () => console.log(`alias ${r.alias} removed`));
    }),
  },
  'redirect add': {
    usage: 'redirect add <address> <target> [<target> ...]',
    summary: 'a redirect-only address (stores nothing; at most 10 targets)',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.addRedirect(ctx, arg(io, 0, 'address'), io.args.positionals.slice(1));
      out(io, r, () => console.log(`redirect ${r.address} → ${r.targets.join(', ')}`));
    }),
  },
  'redirect list': {
    usage: 'redirect list',
    summary: 'list redirect-only addresses',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await admin.listRedirects(ctx);
      out(io, rows, () => printTable(rows, ['address', 'targets']));
    }),
  },
  'redirect remove': {
    usage: 'redirect remove <address>',
    summary: 'remove a redirect-only address',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.removeRedirect(ctx, arg(io, 0, 'address'));
      out(io, r, () => console.log(`redirect ${r.address} removed`));
    }),
  },
  'redirect status': {
    usage: 'redirect status [<address>]',
    summary: 'targets on other servers and whether they confirmed their link',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await redirections.listTargetStates(ctx, io.args.positionals[0]);
      out(io, rows, () => printTable(rows, ['address', 'target', 'status', 'sentAt', 'expiresAt', 'confirmedAt']));
    }),
  },
  'redirect resend': {
    usage: 'redirect resend <address> <target>',
    summary: 'send a target a new confirmation link',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await redirections.resendConfirmation(ctx, arg(io, 0, 'address'), arg(io, 1, 'target'));
      out(io, r, () => console.log(`a new link goes to ${r.target} (for ${r.address}) within a few seconds if the server runs`));
    }),
  },
  'user add': {
    usage: 'user add <email> [--admin] [--password SECRET]',
    summary: 'a person who logs in to the web app and API',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.addUser(ctx, arg(io, 0, 'email'), { admin: io.args.flags.get('admin') === true, password: flag(io, 'password') });
      out(io, r, () => console.log(`user ${r.email}${r.admin ? ' (admin)' : ''} created${r.oneTime ? `\none-time password: ${r.password}` : ''}`));
    }),
  },
  'user password': {
    usage: 'user password <email> [--password SECRET]',
    summary: 'reset a user\'s password (a one-time one is generated unless given)',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.resetPassword(ctx, arg(io, 0, 'email'), flag(io, 'password'));
      out(io, r, () => console.log(`password of ${r.email} reset${r.oneTime ? `\none-time password: ${r.password}` : ''}`));
    }),
  },
  'user list': {
    usage: 'user list',
    summary: 'list users',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await admin.listUsers(ctx);
      out(io, rows, () => printTable(rows, ['id', 'email', 'admin', 'createdAt']));
    }),
  },
  'user grant': {
    usage: 'user grant <email> <mailbox> <permission>[,<permission>...]',
    summary: `let a user manage a mailbox (${admin.PERMISSIONS.join(', ')})`,
    run: (io) => withAdmin(io, async (ctx) => {
      const perms = arg(io, 2, 'permissions').split(',').map((p) => p.trim()).filter(Boolean);
      const r = await admin.grant(ctx, arg(io, 0, 'email'), arg(io, 1, 'mailbox'), perms);
      out(io, r, () => console.log(`${r.email} may ${r.permissions.join(', ')} on ${r.mailbox}`));
    }),
  },
  'user token': {
    usage: 'user token <email> <name>',
    summary: 'create an API token for a user (shown once)',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await admin.createApiToken(ctx, arg(io, 0, 'email'), arg(io, 1, 'name'));
      out(io, r, () => console.log(`API token "${r.name}" for ${r.email}:\n${r.token}\n(shown once)`));
    }),
  },
  'queue list': {
    usage: 'queue list',
    summary: 'outbound queue, one line per recipient',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await listQueue(ctx.store);
      out(io, rows, () => printTable(rows, ['queueId', 'sender', 'recipient', 'status', 'attempts', 'nextAttemptAt', 'lastReply']));
    }),
  },
  'queue retry': {
    usage: 'queue retry [<queue-id>]',
    summary: 'make a queued message (or all) due now',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await retryQueue(ctx.store, io.args.positionals[0]);
      out(io, r, () => console.log(`${r.retried} recipient(s) due now`));
    }),
  },
  'queue remove': {
    usage: 'queue remove <queue-id>',
    summary: 'drop a queued message without bouncing it',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await removeFromQueue(ctx.store, arg(io, 0, 'queue-id'));
      out(io, r, () => console.log(`queue entry ${r.removed} removed`));
    }),
  },
  'dns check': {
    usage: 'dns check <domain>',
    summary: 'check MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT and reverse DNS of a hosted domain (exit 1 on any error)',
    run: (io) => withAdmin(io, async (ctx) => {
      const report = await runDnsCheck({ store: ctx.store, config: io.config }, arg(io, 0, 'domain'));
      out(io, report, () => printDnsReport(report));
      return report.status === 'error' ? 1 : 0;
    }),
  },
  trace: {
    usage: 'trace <delivery-id | queue-id | message-id>',
    summary: 'what happened to a message, stage by stage',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await traceMessage(ctx.store, arg(io, 0, 'id'));
      out(io, r, () => {
        for (const d of r.deliveries) {
          console.log(`delivery ${d.id} (${d.source}) ${new Date(d.receivedAt).toISOString()} from <${d.mailFrom}> ${d.remoteIp ? `[${d.remoteIp}] ` : ''}to ${d.rcptTo.join(', ')}: ${d.outcome}`);
          for (const t of d.trace) console.log(`  ${t.stage.padEnd(10)} ${t.note}`);
        }
        for (const q of r.queue) {
          console.log(`queue ${q.queueId} ${q.recipient}: ${q.status} after ${q.attempts} attempt(s)${q.lastReply ? `, last reply: ${q.lastReply}` : ''}`);
          if (q.why) console.log(`  why: ${q.why}`);
        }
      });
    }),
  },
  ...reportCommands,
  ...filterCommands,
  ...ruleCommands,
  ...sieveScriptCommands,
  ...spamCommands,
  ...responderCommands,
  'sieve test': {
    usage: 'sieve test <script> <message.eml> [--envelope-from ADDR] [--envelope-to ADDR] [--trace]',
    summary: 'run a Sieve script over a message and print its actions, one per line',
    async run(io) {
      const r = sieveTest(arg(io, 0, 'script'), arg(io, 1, 'message.eml'), sieveOptions(io));
      for (const w of r.warnings) console.error(`warning: ${w}`);
      out(io, r.result, () => r.lines.forEach((l) => console.log(l)));
    },
  },
  'sieve check': {
    usage: 'sieve check <script>',
    summary: 'validate a Sieve script (errors as line:col: message)',
    async run(io) {
      const r = sieveCheck(arg(io, 0, 'script'), sieveOptions(io));
      out(io, r, () => {
        for (const w of r.warnings) console.log(`warning: ${w}`);
        console.log('script is valid');
      });
    },
  },
};

/** Options of the sieve commands (see src/sieve/cli.ts); the extra ones feed the test environment. */
function sieveOptions(io: Io): SieveCliOptions {
  const num = (name: string) => {
    const v = flag(io, name);
    if (v === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(v)) throw new UsageError(`--${name}: "${v}" is not a number`);
    return Number(v);
  };
  const now = flag(io, 'now');
  if (now !== undefined && Number.isNaN(Date.parse(now))) throw new UsageError(`--now: "${now}" is not a date`);
  return {
    envelopeFrom: flag(io, 'envelope-from'),
    envelopeTo: flag(io, 'envelope-to'),
    recipient: flag(io, 'recipient'),
    trace: io.args.flags.has('trace'),
    mailboxes: flag(io, 'mailboxes')?.split(',').filter(Boolean),
    personalDir: flag(io, 'personal-dir'),
    globalDir: flag(io, 'global-dir'),
    spamScore: num('spam-score'),
    virusLevel: num('virus-level'),
    now: now === undefined ? undefined : new Date(now),
  };
}