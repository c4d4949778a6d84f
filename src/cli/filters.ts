// `mailcove block|allow ...` (a mailbox's lists, or a domain's with @domain) and
// `mailcove temp-alias ...`: the same operations as the JSON API (src/accounts/sender-lists.ts,
// src/aliases/temporary.ts), so the rules cannot drift apart.
import type { AdminContext } from '../accounts/admin.js';
import * as lists from '../accounts/sender-lists.js';
import * as temp from '../aliases/temporary.js';
import { openStorage } from '../store/storage.js';
import { UsageError } from './args.js';
import { arg, type Command, type Io } from './command.js';
import { printJson, printTable } from './output.js';



const flag = (io: Io, name: string): string | undefined => {
  const v = io.args.flags.get(name);
  return v === true ? undefined : v;
};

export async function withAdmin<T>(io: Io, fn: (ctx: AdminContext) => Promise<T>): Promise<T> {
  const { store, blobs } = await openStorage(io.config);
  try {
    return await fn({ store, blobs, defaultQuotaBytes: io.config.mailbox.defaultQuotaBytes });
  } finally {
    await store.close();
  }
}

export function out(io: Io, value: unknown, human: () => void): void {
  if (io.json) printJson(value);
  else human();
}

const DURATION = /^(\d{1,5})([hd])$/;

/** `--expires`: "30d", "12h" or a date/time ("2026-12-31", ISO 8601). */
export function parseExpiry(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const d = DURATION.exec(value);
  if (d) return now + Number(d[1]) * (d[2] === 'd' ? 86_400_000 : 3_600_000);
  const t = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new UsageError(`--expires: "${value}" is not a duration (30d, 12h) or a date (2026-12-31)`);
  return t;
}

function listCommands(kind: 'block' | 'allow'): Record<string, Command> {
  const what = kind === 'block' ? 'blocked senders (into Spam, or refused: see "block action")' : 'allowed senders (skip the spam filter)';
  return {
    [`${kind} add`]: {
      usage: `${kind} add <mailbox|@domain> <entry>`,
      summary: `add to the ${what}; entries: john@spam.xyz, *@spam.xyz, john*@spam.xyz, spam.xyz`,
      run: (io) => withAdmin(io, async (ctx) => {
        const r = await lists.addListEntry(ctx, lists.parseTarget(arg(io, 0, 'mailbox|@domain')), kind, arg(io, 1, 'entry'));
        out(io, r, () => console.log(`${r.entry} added to the ${kind} list of ${r.target}`));
      }),
    },
    [`${kind} list`]: {
      usage: `${kind} list <mailbox|@domain>`,
      summary: `the ${kind} list of a mailbox or a domain`,
      run: (io) => withAdmin(io, async (ctx) => {
        const v = await lists.getLists(ctx, lists.parseTarget(arg(io, 0, 'mailbox|@domain')));
        const rows = v[kind];
        out(io, { target: v.target, ...(v.blockAction ? { blockAction: v.blockAction } : {}), entries: rows }, () => {
          if (kind === 'block' && v.blockAction) console.log(`blocked senders of ${v.target} go to: ${v.blockAction === 'spam' ? 'Spam' : 'refused (550 5.7.1)'}`);
          printTable(rows, ['entry', 'createdAt']);
        });
      }),
    },
    [`${kind} remove`]: {
      usage: `${kind} remove <mailbox|@domain> <entry>`,
      summary: `remove from the ${kind} list`,
      run: (io) => withAdmin(io, async (ctx) => {
        const r = await lists.removeListEntry(ctx, lists.parseTarget(arg(io, 0, 'mailbox|@domain')), kind, arg(io, 1, 'entry'));
        out(io, r, () => console.log(`${r.entry} removed from the ${kind} list of ${r.target}`));
      }),
    },
  };
}

function printAliases(rows: temp.TemporaryAliasView[]): void {
  printTable(
    rows.map((a) => ({
      ...a,
      expiresAt: a.expiresAt === null ? null : new Date(a.expiresAt).toISOString(),
      senders: a.senders.map((s) => `${s.domain} (${s.count})`).join(', '),
    })),
    ['address', 'status', 'received', 'senders', 'folder', 'expiresAt', 'note'],
  );
}

export const filterCommands: Record<string, Command> = {
  ...listCommands('block'),
  ...listCommands('allow'),
  'block action': {
    usage: 'block action <mailbox> spam|reject',
    summary: 'blocked senders go to Spam, or are refused (550 5.7.1 when every recipient refuses; else that copy is dropped)',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await lists.setBlockAction(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'spam|reject'));
      out(io, r, () => console.log(`blocked senders of ${r.mailbox}: ${r.blockAction}`));
    }),
  },
  'temp-alias add': {
    usage: 'temp-alias add <mailbox> [--note TEXT] [--prefix P | --address A] [--folder F] [--expires 30d|DATE]',
    summary: 'a temporary alias for one registration (random: prefix.xxxxxxxx@domain)',
    run: (io) => withAdmin(io, async (ctx) => {
      const now = Date.now();
      const r = await temp.addTemporaryAlias(ctx, arg(io, 0, 'mailbox'), {
        address: flag(io, 'address'),
        prefix: flag(io, 'prefix'),
        note: flag(io, 'note'),
        folder: flag(io, 'folder'),
        expiresAt: parseExpiry(flag(io, 'expires'), now),
      }, now);
      out(io, r, () => console.log(`${r.address} → ${r.mailbox}${r.folder ? ` (into ${r.folder})` : ''}${r.expiresAt ? `, expires ${new Date(r.expiresAt).toISOString()}` : ''}`));
    }),
  },
  'temp-alias list': {
    usage: 'temp-alias list <mailbox>',
    summary: 'temporary aliases with messages received and sender domains seen',
    run: (io) => withAdmin(io, async (ctx) => {
      const rows = await temp.listTemporaryAliases(ctx, arg(io, 0, 'mailbox'));
      out(io, rows, () => printAliases(rows));
    }),
  },
  'temp-alias disable': {
    usage: 'temp-alias disable <alias>',
    summary: 'refuse mail to a temporary alias (550 5.1.1) until enabled again',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await temp.updateTemporaryAlias(ctx, arg(io, 0, 'alias'), { enabled: false });
      out(io, r, () => console.log(`${r.address}: ${r.status}`));
    }),
  },
  'temp-alias enable': {
    usage: 'temp-alias enable <alias>',
    summary: 'accept mail to a disabled temporary alias again',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await temp.updateTemporaryAlias(ctx, arg(io, 0, 'alias'), { enabled: true });
      out(io, r, () => console.log(`${r.address}: ${r.status}`));
    }),
  },
  'temp-alias remove': {
    usage: 'temp-alias remove <alias>',
    summary: 'delete a temporary alias: mail to it is refused, the address is never given out again',
    run: (io) => withAdmin(io, async (ctx) => {
      const r = await temp.removeTemporaryAlias(ctx, arg(io, 0, 'alias'));
      out(io, r, () => console.log(`${r.alias} deleted`));
    }),
  },
};
