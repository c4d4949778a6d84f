// The decide stage's Sieve step: one mailbox copy through the mailbox's active script, and its
// actions performed. Order per copy (ARCHITECTURE.md, "Filtering is Sieve"):
//   1. system rules — the decide stage's block/allow lists and quarantine, then SYSTEM_RULES
//      (issue 6 adds spam, promotions and social sorting there); they choose the copy's folder
//   2. the user's active script (compiled once per version, src/delivery/sieve-scripts.ts)
//   3. AFTER_USER_SCRIPT (issue 7: the out-of-office responder)
// Keep (implicit or explicit) stores into the folder the system rules chose: a copy the system
// put in Spam stays there unless the script files it elsewhere by name. A script that fails to
// compile or to run, or runs over a limit, changes nothing: the copy is kept, the trace says why.
//
// Mail the script sends (vacation, notify, refusals, redirects to mailboxes here) leaves after
// commit (ctx.afterCommit); what must be remembered with the message (vacation responses,
// duplicate ids, sends counted) is written in commit's transaction (ctx.commitWrites).
import { note, type DeliveryContext, type DeliveryDeps, type Forward, type Placement } from './context.js';
import { mailboxSettings } from './mailbox-settings.js';
import { editedHeaderBlock, notificationMessage, vacationMessage } from './sieve-mail.js';
import { checkSendingLimits, limitsFor } from './sending-limits.js';
import { LOOP_HEADER, loopHeadersOf, loopTag, srsRouting } from './redirect.js';
import { receivedHeader } from './headers.js';
import { resolveAddress } from './router.js';
import { deliver } from './pipeline.js';
import { formatDiagnostic, runAsync, sieveMessage, type NotifyAction, type SieveAction, type SieveEnv, type SieveResult, type VacationAction } from '../sieve/index.js';
import { seenDuplicate, recordDuplicate } from '../store/sieve-scripts-repo.js';
import { countResponsesSince, hasResponse, recordResponse } from '../store/sieve-responses-repo.js';
import { isConfirmed, requestConfirmation } from '../store/redirect-confirmations-repo.js';
import { responderRule } from './responder-step.js';
import { recordSend } from '../store/send-log-repo.js';
import { folderByName, folderByRole } from '../store/folders-repo.js';
import { createFolder } from '../mailbox/folders.js';
import { normalizeFolderName } from '../mailbox/folder-names.js';
import { parseStructure, type MimePart } from '../mime/index.js';
import { AppError, SmtpReplyError } from '../util/errors.js';
import { newId, sha256Hex } from '../util/ids.js';

/** A rule run around the user's script on one copy (it may change the copy's folder or flags). */
export type CopyRule = (ctx: DeliveryContext, deps: DeliveryDeps, p: Placement) => Promise<void>;
/** Issue 6 (spam, promotions, social): system rules after the lists and quarantine, before the user's script. */
export const SYSTEM_RULES: CopyRule[] = [];
/** Issue 7 (the out-of-office responder): runs after the user's script, on the copies it left. */
export const AFTER_USER_SCRIPT: CopyRule[] = [responderRule];

/** Notifications (enotify mailto) a mailbox may send per hour: a script must not become a mail cannon. */
export const NOTIFY_PER_HOUR = 30;
const HOUR_MS = 3_600_000;
const NO_CLIENT = { ip: null, helo: null, reverseName: null, tls: false, mailbox: null };

export interface CopyOutcome {
  /** reject/ereject: the reason; the decide stage drops the copy and refuses or reports it. */
  refused: string | null;
}

/** The key of a vacation response in sieve_responses: handle and sender, hashed. */
export const vacationKey = (handle: string, sender: string) => sha256Hex(`${handle}\0${sender.toLowerCase()}`);

export async function runCopyRules(rules: CopyRule[], ctx: DeliveryContext, deps: DeliveryDeps, p: Placement): Promise<void> {
  for (const rule of rules) await rule(ctx, deps, p);
}

/** Runs the mailbox's active script over copy `p` (a delivered copy) and performs its actions. */
export async function sieveCopy(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement): Promise<CopyOutcome> {
  const who = p.mailbox.address;
  const loaded = (await mailboxSettings(ctx, deps, p.mailbox)).script;
  if (!loaded) return { refused: null };
  const defaultFolder = await folderNameOf(ctx, deps, p);
  if (!loaded.script) {
    const first = loaded.errors[0];
    note(ctx, 'sieve', `${who}: script "${loaded.name}" does not compile (${first ? formatDiagnostic(first) : 'error'}), kept in ${defaultFolder}`);
    return { refused: null };
  }
  const now = deps.now();
  const msg = copyMessage(ctx, p);
  const env = await copyEnv(ctx, deps, p, defaultFolder, now);
  let result: SieveResult;
  try {
    result = await runAsync(loaded.script, msg, env);
  } catch (err) {
    // A database error inside a lookup, say: the copy is kept, the message is not refused.
    deps.log.error({ err, delivery: ctx.id, mailbox: who }, 'sieve run failed');
    note(ctx, 'sieve', `${who}: error (${(err as Error).message}), kept in ${defaultFolder}`);
    return { refused: null };
  }
  if (result.errors.length) {
    const e = result.errors[0]!;
    note(ctx, 'sieve', `${who}: error ${e.line}:${e.col} ${e.message}, kept in ${defaultFolder}`);
    return { refused: null };
  }
  return perform(ctx, deps, p, result, defaultFolder, now);
}

/** The message as a script on copy `p` sees it (envelope to: the address that brought it). */
export function copyMessage(ctx: DeliveryContext, p: Placement) {
  return sieveMessage(ctx.raw, { from: ctx.mailFrom, to: p.rcpt, recipient: p.mailbox.address, auth: ctx.client.mailbox?.address ?? null }, structureOf(ctx));
}

/** What a script on copy `p` may ask about the world (also the responder's script's). */
export async function copyEnv(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement, defaultFolder: string, now: number): Promise<SieveEnv> {
  const db = deps.store.db;
  return {
    defaultMailbox: defaultFolder,
    mailboxExists: async (name) => !!(await existingFolder(deps, p, name)),
    duplicate: { has: (id) => seenDuplicate(db, p.mailbox.id, sha256Hex(id), now) },
    spamScore: ctx.spam ? (ctx.spam.score ?? (ctx.spam.isSpam ? 1 : 0)) : null,
    vacationResponded: (handle, sender) => hasResponse(db, p.mailbox.id, 'vacation', vacationKey(handle, sender), now),
    userAddresses: [...(await mailboxSettings(ctx, deps, p.mailbox)).addresses],
    environment: environmentOf(ctx, deps, p.mailbox.address, p),
    now: new Date(now),
  };
}

// ctx.parsed describes the bytes as received; authenticate has since put Authentication-Results
// on top (the script may test it), so the structure is read again, once per message.
const structures = new WeakMap<DeliveryContext, { raw: Buffer; root: MimePart }>();
function structureOf(ctx: DeliveryContext): { root: MimePart } {
  const known = structures.get(ctx);
  if (known && known.raw === ctx.raw) return known;
  const fresh = { raw: ctx.raw, root: parseStructure(ctx.raw).root };
  structures.set(ctx, fresh);
  return fresh;
}

/** Where keep stores this copy, by name (for the trace and the script's default mailbox). */
export async function folderNameOf(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement): Promise<string> {
  if (p.folder) return p.folder;
  return (await mailboxSettings(ctx, deps, p.mailbox)).folders.get(p.folderRole) ?? 'INBOX';
}

async function existingFolder(deps: DeliveryDeps, p: Placement, name: string): Promise<string | null> {
  let normal: string;
  try {
    normal = normalizeFolderName(name);
  } catch {
    return null;
  }
  return (await folderByName(deps.store.db, p.mailbox.id, normal)) ? normal : null;
}

function environmentOf(ctx: DeliveryContext, deps: DeliveryDeps, who: string, p: Placement): Record<string, string> {
  const env: Record<string, string> = { host: deps.config.hostname, domain: who.slice(who.lastIndexOf('@') + 1) };
  // The classifier's email type (issue 6) for the rule builder's "email type" condition: an
  // RFC 5183 vendor item, which unlike a header no sender can forge.
  const type = p.emailType ?? ctx.classification?.type;
  if (type) env['vnd.mailcove.type'] = type;
  if (ctx.client.reverseName) env['remote-host'] = ctx.client.reverseName;
  if (ctx.client.ip) env['remote-ip'] = ctx.client.ip;
  return env;
}

/** A store the script asked for: keep (the default folder) or a named folder. */
interface StoreAction { folder: string | null; flags: string[] | null; what: string }

async function perform(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement, r: SieveResult, defaultFolder: string, now: number): Promise<CopyOutcome> {
  const who = p.mailbox.address;
  const say = (text: string) => note(ctx, 'sieve', `${who}: ${text}`);
  const stores: StoreAction[] = [];
  const redirects: Array<Extract<SieveAction, { type: 'redirect' }>> = [];
  let refused: string | null = null;
  for (const a of r.actions) {
    switch (a.type) {
      case 'keep':
        stores.push({ folder: null, flags: a.flags, what: `${a.implicit ? 'implicit keep' : 'keep'} in ${defaultFolder}` });
        break;
      case 'fileinto': {
        const target = await fileintoTarget(ctx, deps, p, a);
        if (typeof target === 'string') stores.push({ folder: target, flags: a.flags, what: `fileinto ${target}${a.copy ? ' (:copy)' : ''}` });
        else stores.push({ folder: null, flags: a.flags, what: `fileinto ${a.folder}: ${target.why}, kept in ${defaultFolder}` });
        break;
      }
      case 'redirect':
        redirects.push(a);
        break;
      case 'reject':
        refused = a.reason;
        say(`${a.extended ? 'ereject' : 'reject'} "${oneLine(a.reason).slice(0, 200)}"`);
        break;
      case 'discard':
        say('discard');
        break;
      case 'vacation':
        await vacation(ctx, deps, p, a, now);
        break;
      case 'notify':
        await notify(ctx, deps, p, a, now);
        break;
      case 'addheader':
        say(`addheader ${a.name}`);
        break;
      case 'deleteheader':
        say(`deleteheader ${a.name} (${a.removed})`);
        break;
      case 'duplicate': {
        const { id, seconds } = a;
        (ctx.commitWrites ??= []).push((trx) => recordDuplicate(trx, p.mailbox.id, sha256Hex(id), now + seconds * 1000));
        break;
      }
    }
  }
  if (refused !== null) return { refused };

  const redirected = redirects.length ? await redirect(ctx, deps, p, redirects, stores.length > 0, now) : { pending: false, failed: false };
  // Mail is never lost: a redirect that cannot go keeps the copy here.
  if (redirected.failed && stores.length === 0) stores.push({ folder: null, flags: null, what: `kept in ${defaultFolder} (nothing could be redirected)` });

  const root = structureOf(ctx).root;
  const headers = r.headers ? editedHeaderBlock(r.headers, ctx.raw.subarray(root.headerStart, root.headerEnd)) : undefined;
  const copies: Placement[] = [];
  // Further copies start as the copy was before the script (not counted again for a temporary alias).
  const { temporaryAlias: _, ...before } = p;
  stores.forEach((s, i) => {
    say(s.what);
    // The first store is the copy itself (temporary alias counts and mailbox redirects point at it).
    const c: Placement = i === 0 ? p : { ...before, flags: [...before.flags] };
    if (s.folder !== null) c.folder = s.folder;
    if (s.flags !== null) c.flags = cleanFlags(s.flags);
    if (headers) c.headers = headers;
    copies.push(c);
  });
  // A remote redirect without a store: the copy stays until the redirect stage forwards it.
  if (copies.length === 0 && redirected.pending) copies.push(p);
  const at = ctx.placements.indexOf(p);
  ctx.placements.splice(at, 1, ...copies);
  return { refused: null };
}

/** RFC 5232 flags that IMAP can store: no \Recent (the server's), no atom-specials. */
function cleanFlags(flags: string[]): string[] {
  return [...new Set(flags.filter((f) => /^\\?[^\s(){%*"\\\]\x00-\x1f\x7f]+$/.test(f) && f.toLowerCase() !== '\\recent'))];
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

/** The folder name to file into, or why not (the copy is then kept). `:create` makes a missing one. */
async function fileintoTarget(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement, a: Extract<SieveAction, { type: 'fileinto' }>): Promise<string | { why: string }> {
  const db = deps.store.db;
  if (a.specialUse) {
    // RFC 8579: the folder with that special use wins over the name. Our roles are the attribute's names.
    const byRole = await folderByRole(db, p.mailbox.id, a.specialUse.replace(/^\\/, '').toLowerCase());
    if (byRole) return byRole.name;
  }
  let name: string;
  try {
    name = normalizeFolderName(a.folder);
  } catch (err) {
    return { why: `not a folder name (${(err as Error).message})` };
  }
  if (await folderByName(db, p.mailbox.id, name)) return name;
  if (!a.create) return { why: 'no such folder' };
  try {
    await createFolder(deps.store, deps.events, p.mailbox.id, name);
    note(ctx, 'sieve', `${p.mailbox.address}: created folder ${name}`);
  } catch (err) {
    // Another delivery made it meanwhile: fine.
    if (!(err instanceof AppError && err.kind === 'conflict')) return { why: `could not create it (${(err as Error).message})` };
  }
  return name;
}

/** Our own mail, handed to the pipeline like a message a local program submits. */
export async function sendLocal(deps: DeliveryDeps, mailFrom: string, rcptTo: string[], raw: Buffer): Promise<void> {
  await deliver(deps, { source: 'local', client: NO_CLIENT, mailFrom, rcptTo, raw });
}

/**
 * Redirects go through the redirection path: one to another server is a forward (SRS, ARC, DKIM,
 * held for spam and loops) and, as for a mailbox's own redirection, leaves only once the target
 * confirmed by the mailed link (the first attempt asks for it); one to an address here is
 * delivered to it after commit, with our loop header. Every redirect counts toward the
 * mailbox's sending limit; over it, none goes.
 */
async function redirect(
  ctx: DeliveryContext,
  deps: DeliveryDeps,
  p: Placement,
  actions: Array<Extract<SieveAction, { type: 'redirect' }>>,
  stored: boolean,
  now: number,
): Promise<{ pending: boolean; failed: boolean }> {
  const db = deps.store.db;
  const who = p.mailbox.address;
  const say = (text: string) => note(ctx, 'sieve', `${who}: ${text}`);
  try {
    await checkSendingLimits(db, await limitsFor(db, deps.config, p.mailbox), p.mailbox, actions.length, now);
  } catch (err) {
    if (!(err instanceof SmtpReplyError)) throw err;
    say(`redirect to ${actions.map((a) => a.address).join(', ')} not sent: ${err.text}`);
    return { pending: false, failed: true };
  }
  const tag = loopTag(deps.config, who);
  const looped = loopHeadersOf(ctx, deps.config.hostname).tags.has(tag);
  const srs = srsRouting(deps);
  const mine: Forward[] = [];
  let local = 0;
  let failed = false;
  for (const a of actions) {
    const route = await resolveAddress(db, a.address, srs, now);
    if (route.kind === 'remote') {
      const f: Forward = { origin: who, target: route.address, kind: 'redirect', localCopy: { placement: p, keep: stored } };
      (ctx.forwards ??= []).push(f);
      mine.push(f);
      if (!(await isConfirmed(db, who, route.address))) {
        // The mailed link is the target's consent, as for a mailbox redirection (written with the message).
        (ctx.commitWrites ??= []).push((trx) => requestConfirmation(trx, who, route.address, now));
        say(`redirect ${route.address}: target not confirmed yet, a confirmation link is sent`);
      } else {
        say(`redirect ${route.address}`);
      }
    } else if (route.kind === 'mailbox' || route.kind === 'redirect' || route.kind === 'srs') {
      if (looped) {
        say(`redirect ${a.address}: loop (${LOOP_HEADER} of this mailbox), not redirected`);
        failed = true;
        continue;
      }
      local++;
      const raw = Buffer.concat([Buffer.from(`${LOOP_HEADER}: ${deps.config.hostname}; origin=${tag}\r\n`, 'latin1'), Buffer.from(receivedHeader(ctx, deps.config.hostname)), ctx.raw]);
      (ctx.afterCommit ??= []).push({ what: `sieve redirect ${who} → ${a.address}`, send: () => sendLocal(deps, ctx.mailFrom, [a.address], raw) });
      say(`redirect ${a.address} (here)`);
    } else {
      say(`redirect ${a.address}: no such address, not redirected`);
      failed = true;
    }
  }
  // Counted with the message: a forward the redirect stage holds (unconfirmed, spam, loop) is not a send.
  (ctx.commitWrites ??= []).push(async (trx) => {
    const sent = mine.filter((f) => ctx.forwards?.includes(f)).length + local;
    if (sent) await recordSend(trx, p.mailbox.id, sent, now);
  });
  return { pending: mine.length > 0, failed: failed && mine.length === 0 && local === 0 };
}

/**
 * :from when it is one of the mailbox's own addresses (as submission requires) or an address
 * verified for its responders by a mailed code (issue 7), else the mailbox's.
 */
async function ownFrom(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement, from: string | null): Promise<string> {
  if (!from) return p.mailbox.address;
  const bare = (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim().toLowerCase();
  const settings = await mailboxSettings(ctx, deps, p.mailbox);
  return settings.addresses.has(bare) || settings.verifiedFroms.has(bare) ? from : p.mailbox.address;
}

/**
 * RFC 5230: the engine decided whether to answer (skip); the response goes from null sender and
 * counts toward the mailbox's sending limit (over it, none goes). `stage` names it in the trace.
 */
export async function vacation(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement, a: VacationAction, now: number, stage = 'sieve'): Promise<void> {
  const who = p.mailbox.address;
  if (a.skip || ctx.mailFrom === '') {
    note(ctx, stage, `${who}: vacation: no response (${a.skip ?? 'null sender'})`);
    return;
  }
  try {
    await checkSendingLimits(deps.store.db, await limitsFor(deps.store.db, deps.config, p.mailbox), p.mailbox, 1, now);
  } catch (err) {
    if (!(err instanceof SmtpReplyError)) throw err;
    note(ctx, stage, `${who}: vacation: no response (${err.text})`);
    return;
  }
  const raw = vacationMessage({
    from: await ownFrom(ctx, deps, p, a.from),
    to: a.to,
    subject: a.replySubject,
    reason: a.reason,
    mime: a.mime,
    inReplyTo: a.inReplyTo,
    references: ctx.parsed?.references ?? [],
    messageId: `<${newId(now)}@${deps.config.hostname}>`,
    now,
  });
  (ctx.commitWrites ??= []).push(async (trx) => {
    await recordResponse(trx, p.mailbox.id, 'vacation', vacationKey(a.handle, a.to), now, now + a.seconds * 1000);
    await recordSend(trx, p.mailbox.id, 1, now);
  });
  // RFC 5230 5.1 / RFC 3834 3.3: the null sender, so nothing answers or bounces back to a response.
  (ctx.afterCommit ??= []).push({ what: `${stage} vacation ${who} → ${a.to}`, send: () => sendLocal(deps, '', [a.to], raw) });
  note(ctx, stage, `${who}: vacation response to ${a.to}`);
}

/** RFC 5436: a short message to the mailto recipients, rate-limited per mailbox. */
async function notify(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement, a: NotifyAction, now: number): Promise<void> {
  const who = p.mailbox.address;
  const say = (text: string) => note(ctx, 'sieve', `${who}: notify: ${text}`);
  if (!/^mailto:/i.test(a.method) || a.recipients.length === 0) return say(`${a.method.split('?')[0]}: not sent (only mailto: with a recipient)`);
  // RFC 5436 2.7: never about auto-submitted mail (notification loops).
  const auto = ctx.parsed?.headers.find((h) => h.name.toLowerCase() === 'auto-submitted')?.value.trim().toLowerCase();
  if (auto && !auto.startsWith('no')) return say('not sent (the message is auto-submitted)');
  const pending = (ctx.afterCommit ?? []).filter((j) => j.what.startsWith(`sieve notify ${who} `)).length;
  if ((await countResponsesSince(deps.store.db, p.mailbox.id, 'notify', now - HOUR_MS)) + pending >= NOTIFY_PER_HOUR) {
    return say(`not sent (more than ${NOTIFY_PER_HOUR} notifications in an hour)`);
  }
  const recipients = a.recipients.slice(0, 5);
  const sender = ctx.parsed?.from?.address ?? (ctx.mailFrom || 'unknown sender');
  const subject = ctx.parsed?.subject ?? '';
  const raw = notificationMessage({
    from: await ownFrom(ctx, deps, p, a.from),
    to: recipients,
    subject: a.message ?? `New mail from ${sender}${subject ? `: ${subject}` : ''}`,
    text: `${a.message ? a.message + '\n\n' : ''}A message arrived for ${who}.\nFrom: ${sender}\nSubject: ${subject}\n`,
    messageId: `<${newId(now)}@${deps.config.hostname}>`,
    now,
  });
  const key = sha256Hex(`${ctx.id}\0${a.method}`);
  (ctx.commitWrites ??= []).push((trx) => recordResponse(trx, p.mailbox.id, 'notify', key, now, now + HOUR_MS));
  (ctx.afterCommit ??= []).push({ what: `sieve notify ${who} → ${recipients.join(', ')}`, send: () => sendLocal(deps, '', recipients, raw) });
  say(`sent to ${recipients.join(', ')}`);
}
