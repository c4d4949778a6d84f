// `mailcove responder ...`: out-of-office responders, their alternative From addresses and the
// domains' templates; the same operations as the JSON API (src/responder/service.ts), so both
// refuse the same input naming the same field. List flags take comma-separated values.
import fs from 'node:fs';
import * as svc from '../responder/service.js';
import type { ResponderInput } from '../responder/settings.js';
import { openStorage } from '../store/storage.js';
import { AppError } from '../util/errors.js';
import { parseIntArg } from './args.js';
import { arg, type Command, type Io } from './command.js';
import { printJson, printTable } from './output.js';



const flag = (io: Io, name: string): string | undefined => {
  const v = io.args.flags.get(name);
  return v === true ? undefined : v;
};
const has = (io: Io, name: string) => io.args.flags.get(name) === true;
const commaList = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

async function withService<T>(io: Io, fn: (ctx: svc.ResponderContext) => Promise<T>): Promise<T> {
  const { store } = await openStorage(io.config);
  try {
    return await fn({ store });
  } finally {
    await store.close();
  }
}

function out(io: Io, value: unknown, human: () => void): void {
  if (io.json) printJson(value);
  else human();
}

/** --text-file / --html-file: a file, or standard input for "-". */
function readText(file: string, field: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new AppError('not_found', `${field}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, field);
  }
}

/** The settings flags shared by responders and templates. */
function settingsFlags(io: Io): ResponderInput {
  const textFile = flag(io, 'text-file');
  const htmlFile = flag(io, 'html-file');
  const days = flag(io, 'days');
  return {
    text: textFile !== undefined ? readText(textFile, 'text') : (flag(io, 'text') ?? ''),
    html: htmlFile !== undefined ? readText(htmlFile, 'html') : flag(io, 'html'),
    subject: flag(io, 'subject'),
    start: flag(io, 'start'),
    end: flag(io, 'end'),
    weekdays: commaList(flag(io, 'weekdays')),
    exclude: commaList(flag(io, 'exclude')),
    from: flag(io, 'from'),
    days: days === undefined ? undefined : parseIntArg('--days', days),
  };
}

const SETTINGS_USAGE = '(--text T | --text-file F|-) [--html-file F] [--subject S] [--start DATE[THH:MM]] [--end DATE[THH:MM]] [--weekdays sat,sun] [--exclude a@x.xyz,@domain.xyz] [--days 7]';

function printResponders(r: Awaited<ReturnType<typeof svc.listResponders>>): void {
  console.log(`${r.mailbox} (time zone ${r.timeZone})`);
  printTable(
    r.responders.map((x) => ({
      name: x.name,
      active: x.active ? 'yes' : '',
      from: x.settings.start ?? '',
      until: x.settings.end ?? '',
      weekdays: x.settings.weekdays ? x.settings.weekdays.map((d) => ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][d]).join(',') : '',
      days: x.settings.days,
      subject: x.settings.subject ?? 'Auto: <subject>',
      template: x.template,
    })),
    ['name', 'active', 'from', 'until', 'weekdays', 'days', 'subject', 'template'],
  );
}

export const responderCommands: Record<string, Command> = {
  'responder add': {
    usage: `responder add <mailbox> <name> ${SETTINGS_USAGE} [--from ADDRESS] [--activate] [--replace]`,
    summary: 'save an out-of-office responder (--replace: overwrite one of that name)',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.addResponder(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'name'), settingsFlags(io), { replace: has(io, 'replace'), activate: has(io, 'activate') });
      out(io, r, () => console.log(`responder "${r.name}" saved${r.active ? ' and active' : ''}`));
    }),
  },
  'responder list': {
    usage: 'responder list <mailbox>',
    summary: "a mailbox's responders (the active one marked) and its time zone",
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.listResponders(ctx, arg(io, 0, 'mailbox'));
      out(io, r, () => printResponders(r));
    }),
  },
  'responder sieve': {
    usage: 'responder sieve <mailbox> <name>',
    summary: 'the Sieve script a responder runs as at delivery',
    run: (io) => withService(io, async (ctx) => {
      const script = await svc.responderSieve(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'name'));
      out(io, { script }, () => process.stdout.write(script));
    }),
  },
  'responder activate': {
    usage: 'responder activate <mailbox> <name>',
    summary: 'make a responder the active one (the other is deactivated)',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.activateResponder(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'name'));
      out(io, r, () => console.log(`${r.mailbox}: responder "${r.active}" active`));
    }),
  },
  'responder deactivate': {
    usage: 'responder deactivate <mailbox>',
    summary: 'no responder answers for the mailbox',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.deactivateResponder(ctx, arg(io, 0, 'mailbox'));
      out(io, r, () => console.log(`${r.mailbox}: no responder active`));
    }),
  },
  'responder reset': {
    usage: 'responder reset <mailbox> <name>',
    summary: 'forget who was answered: every sender gets the next reply again',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.resetResponder(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'name'));
      out(io, r, () => console.log(`${r.mailbox}: responder "${r.name}" reset`));
    }),
  },
  'responder remove': {
    usage: 'responder remove <mailbox> <name>',
    summary: 'delete a responder',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.removeResponder(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'name'));
      out(io, r, () => console.log(`${r.mailbox}: responder "${r.name}" removed`));
    }),
  },
  'responder timezone': {
    usage: 'responder timezone <mailbox> [<IANA zone>]',
    summary: "show or set the mailbox's time zone (responder schedules are read in it)",
    run: (io) => withService(io, async (ctx) => {
      const zone = io.args.positionals[1];
      const r = zone === undefined ? await svc.getTimeZone(ctx, arg(io, 0, 'mailbox')) : await svc.setTimeZone(ctx, arg(io, 0, 'mailbox'), zone);
      out(io, r, () => console.log(`${r.mailbox}: ${r.timeZone}`));
    }),
  },
  'responder from add': {
    usage: 'responder from add <mailbox> <address>',
    summary: 'use another From for replies: a 6-digit code is mailed to it (own addresses need none)',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.addFromAddress(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'address'));
      out(io, r, () => console.log(`${r.address}: ${r.status === 'code requested' ? 'a code is mailed to it; enter it with "responder from verify"' : r.status}`));
    }),
  },
  'responder from verify': {
    usage: 'responder from verify <mailbox> <address> <code>',
    summary: 'enter the code mailed to the address',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.verifyFromAddress(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'address'), arg(io, 2, 'code'));
      out(io, r, () => console.log(`${r.address}: ${r.status}`));
    }),
  },
  'responder from list': {
    usage: 'responder from list <mailbox>',
    summary: 'alternative From addresses, verified or waiting for their code',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.listFromAddresses(ctx, arg(io, 0, 'mailbox'));
      out(io, r, () => printTable(r.addresses, ['address', 'status', 'verifiedAt']));
    }),
  },
  'responder from remove': {
    usage: 'responder from remove <mailbox> <address>',
    summary: 'forget an alternative From (replies go from the mailbox again)',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.removeFromAddress(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'address'));
      out(io, r, () => console.log(`${r.address} removed`));
    }),
  },
  'responder template add': {
    usage: `responder template add <domain> <name> ${SETTINGS_USAGE} [--hidden] [--auto-apply]`,
    summary: "save a domain's template (--auto-apply: given to every new mailbox; --hidden: not shown to users)",
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.addTemplate(ctx, arg(io, 0, 'domain'), arg(io, 1, 'name'), settingsFlags(io), { hidden: has(io, 'hidden'), autoApply: has(io, 'auto-apply') });
      out(io, r, () => console.log(`template "${r.name}" of ${r.domain} saved${r.autoApply ? ', applied to new mailboxes' : ''}${r.hidden ? ', hidden' : ''}`));
    }),
  },
  'responder template list': {
    usage: 'responder template list <domain>',
    summary: "a domain's responder templates",
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.listTemplates(ctx, arg(io, 0, 'domain'), { includeHidden: true });
      out(io, r, () => printTable(r.templates.map((t) => ({ ...t, hidden: t.hidden ? 'yes' : '', autoApply: t.autoApply ? 'yes' : '', subject: t.settings.subject })), ['name', 'hidden', 'autoApply', 'subject', 'updatedAt']));
    }),
  },
  'responder template apply': {
    usage: 'responder template apply <domain> <name> [--mailbox ADDRESS] [--activate]',
    summary: 'apply a template to every mailbox of the domain (or one), as a responder named after it',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.applyTemplate(ctx, arg(io, 0, 'domain'), arg(io, 1, 'name'), { mailbox: flag(io, 'mailbox'), activate: has(io, 'activate') });
      out(io, r, () => console.log(`template "${r.template}" applied to ${r.mailboxes.length} mailbox${r.mailboxes.length === 1 ? '' : 'es'}${r.activated ? ' and activated' : ''}`));
    }),
  },
  'responder template remove': {
    usage: 'responder template remove <domain> <name>',
    summary: 'delete a template (responders made from it stay)',
    run: (io) => withService(io, async (ctx) => {
      const r = await svc.removeTemplate(ctx, arg(io, 0, 'domain'), arg(io, 1, 'name'));
      out(io, r, () => console.log(`template "${r.name}" of ${r.domain} removed`));
    }),
  },
};
