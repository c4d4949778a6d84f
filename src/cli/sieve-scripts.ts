// `mailcove sieve put|get|list|activate|deactivate|delete|rename <mailbox> ...` and
// `mailcove domain sieve-redirect <domain> [allow|forbid]`: the same operations as ManageSieve and
// the JSON API (src/accounts/sieve-scripts.ts), so uploads are validated the same way everywhere.
import fs from 'node:fs';
import * as scripts from '../accounts/sieve-scripts.js';
import { openStorage } from '../store/storage.js';
import type { Store } from '../store/db.js';
import { AppError } from '../util/errors.js';
import { arg, type Command, type Io } from './command.js';
import { printJson, printTable } from './output.js';



async function withStore<T>(io: Io, fn: (store: Store) => Promise<T>): Promise<T> {
  const { store } = await openStorage(io.config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The script service and the mailbox named by the first argument. */
function withMailbox<T>(io: Io, fn: (ctx: scripts.SieveScriptsContext, owner: scripts.ScriptOwner) => Promise<T>): Promise<T> {
  return withStore(io, async (store) => {
    const ctx = { store, limits: io.config.sieveScripts };
    return fn(ctx, await scripts.scriptOwner(store.db, arg(io, 0, 'mailbox')));
  });
}

function out(io: Io, value: unknown, human: () => void): void {
  if (io.json) printJson(value);
  else human();
}

/** A script file, or standard input for "-". */
function readScript(file: string): Buffer {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    throw new AppError('not_found', `cannot read script ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'script');
  }
}

export const sieveScriptCommands: Record<string, Command> = {
  'sieve list': {
    usage: 'sieve list <mailbox>',
    summary: "a mailbox's Sieve scripts (the active one marked)",
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const rows = await scripts.listScripts(ctx, owner);
      out(io, rows, () => printTable(rows.map((r) => ({ ...r, active: r.active ? 'yes' : '', managed: r.managed ? 'rules' : '' })), ['name', 'active', 'size', 'managed', 'updatedAt']));
    }),
  },
  'sieve put': {
    usage: 'sieve put <mailbox> <name> <file|->',
    summary: 'store a Sieve script (validated first: errors as line:col: message; an active one stays active)',
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const r = await scripts.putScript(ctx, owner, arg(io, 1, 'name'), readScript(arg(io, 2, 'file')));
      out(io, r, () => {
        for (const w of r.warnings) console.error(`warning: ${w}`);
        console.log(`${r.name} ${r.created ? 'stored' : 'replaced'} for ${owner.address}`);
      });
    }),
  },
  'sieve get': {
    usage: 'sieve get <mailbox> <name>',
    summary: 'print a Sieve script',
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const r = await scripts.getScript(ctx, owner, arg(io, 1, 'name'));
      out(io, r, () => process.stdout.write(r.content));
    }),
  },
  'sieve activate': {
    usage: 'sieve activate <mailbox> <name>',
    summary: 'make a script the one that runs at delivery (validated again first)',
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const r = await scripts.setActive(ctx, owner, arg(io, 1, 'name'));
      out(io, r, () => console.log(`${r.active} is active for ${owner.address}`));
    }),
  },
  'sieve deactivate': {
    usage: 'sieve deactivate <mailbox>',
    summary: 'no script runs at delivery',
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const r = await scripts.setActive(ctx, owner, null);
      out(io, r, () => console.log(`no script is active for ${owner.address}`));
    }),
  },
  'sieve delete': {
    usage: 'sieve delete <mailbox> <name>',
    summary: 'delete a script (not the active one)',
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const r = await scripts.deleteScript(ctx, owner, arg(io, 1, 'name'));
      out(io, r, () => console.log(`${r.deleted} deleted`));
    }),
  },
  'sieve rename': {
    usage: 'sieve rename <mailbox> <name> <new-name>',
    summary: 'rename a script (the active one stays active)',
    run: (io) => withMailbox(io, async (ctx, owner) => {
      const r = await scripts.renameScript(ctx, owner, arg(io, 1, 'name'), arg(io, 2, 'new-name'));
      out(io, r, () => console.log(`${r.from} renamed to ${r.to}`));
    }),
  },
  'domain sieve-redirect': {
    usage: 'domain sieve-redirect <domain> [allow|forbid]',
    summary: 'whether raw Sieve scripts of a domain may redirect (shown without a value)',
    run: (io) => withStore(io, async (store) => {
      const domain = arg(io, 0, 'domain');
      const value = io.args.positionals[1];
      const r = value === undefined ? await scripts.getDomainSieveRedirect(store, domain) : await scripts.setDomainSieveRedirectPolicy(store, domain, value);
      out(io, r, () => console.log(`redirect in raw Sieve scripts of ${r.domain}: ${r.redirect === 'allow' ? 'allowed' : 'forbidden'}`));
    }),
  },
};
