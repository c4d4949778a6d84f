// System filing rules of the decide stage, per delivered copy of mail from the Internet, after
// the block/allow lists and DMARC quarantine and before the user's own rules:
//   spam or phishing      → Spam (role junk) with $Junk, unless the mailbox turned its spam
//                           filter off or its allow list matched the sender (ctx.allowlisted);
//                           at or above the mailbox's reject score the copy is refused instead
//   promotion / social    → Promotions / Social networks, unless the mailbox turned that off
//   phishing              → the $Phishing keyword, whatever the folder: a warning clients can show
//   every copy            → its email type, stored with it
// A mailbox that made reports has its own model: the message is classified again for it (the
// classify stage used the global model only), for at most config.spam.maxMailboxModels
// mailboxes per message (the others get the global verdict, and the trace says so).
import { classify, createModel, serializeModel, type Classification } from '../spam/index.js';
import { note, type DeliveryContext, type DeliveryDeps, type Placement } from '../delivery/context.js';
import { classifyContext, SPAM_HEADER, spamReason, topReasons } from '../delivery/stages/classify.js';
import { globalModelStampOf, localDomains, mailboxSettings, type MailboxSettings } from '../delivery/mailbox-settings.js';
import { stripHeader } from '../delivery/headers.js';
import { insertSpamLog, mailboxModelRow } from '../store/spam-repo.js';
import { parseAddress } from '../util/address.js';
import { currentGlobalBytes, currentModels, mailboxModel } from './spam-models.js';

const FOLDER_OF_TYPE: Partial<Record<Classification['type'], { role: string; name: string }>> = {
  promotion: { role: 'promotions', name: 'Promotions' },
  social: { role: 'social', name: 'Social networks' },
};

/** Files the copies by the classification; returns the copies refused (the caller rejects them like blocked ones). */
export async function fileSystemFolders(ctx: DeliveryContext, deps: DeliveryDeps): Promise<Placement[]> {
  const global = ctx.classification;
  const copies = ctx.placements.filter((p) => p.copy === 'delivered');
  if (!global || global.error || ctx.source !== 'mx' || copies.length === 0) return [];
  const settings = new Map<number, MailboxSettings>();
  for (const p of copies) if (!settings.has(p.mailbox.id)) settings.set(p.mailbox.id, await mailboxSettings(ctx, deps, p.mailbox));
  const own = await ownVerdicts(ctx, deps, copies, settings);
  const rejected: Placement[] = [];
  const filed: Placement[] = [];
  for (const p of copies) {
    const who = p.mailbox.address;
    const s = settings.get(p.mailbox.id)!.spam;
    const v = own.get(p.mailbox.id) ?? global;
    const junk = v.spam.isSpam || v.phishing.isPhishing;
    p.emailType = v.type;
    if (v.phishing.isPhishing) addFlag(p, '$Phishing');
    if (p.folderRole === 'junk') {
      if (junk) addFlag(p, '$Junk');
      continue; // blocked or quarantined already: the decide notes say why
    }
    if (junk) {
      if (!s.spamFilter) {
        note(ctx, 'decide', `${who}: ${spamReason(v)}; spam filter off for this mailbox, not filed into Spam`);
      } else if (ctx.allowlisted?.has(p.mailbox.id)) {
        note(ctx, 'decide', `${who}: ${spamReason(v)}; sender allowed, not filed into Spam`);
      } else if (s.rejectAbove !== null && v.spam.score >= s.rejectAbove) {
        rejected.push(p);
        note(ctx, 'decide', `${who}: ${spamReason(v)}; score at or above the mailbox's reject score ${s.rejectAbove} → rejected`);
        continue;
      } else {
        p.folderRole = 'junk';
        delete p.folder;
        addFlag(p, '$Junk');
        filed.push(p);
        note(ctx, 'decide', `${who}: into Spam (${spamReason(v)})`);
        continue;
      }
    }
    const category = FOLDER_OF_TYPE[v.type];
    // A temporary alias's own folder is the user's choice: categories do not override it.
    if (!category || p.folder || p.folderRole !== 'inbox') continue;
    if (!s.categoryFilter) {
      note(ctx, 'decide', `${who}: type ${v.type}; promotions/social filter off for this mailbox, kept in the Inbox`);
      continue;
    }
    p.folderRole = category.role;
    note(ctx, 'decide', `${who}: into ${category.name} (type ${v.type}: ${topReasons(v.typeReasons)})`);
  }
  logSpam(ctx, filed, own);
  return rejected;
}

/** Each mailbox's own verdict where it has a model (reports made). */
async function ownVerdicts(ctx: DeliveryContext, deps: DeliveryDeps, copies: Placement[], settings: Map<number, MailboxSettings>): Promise<Map<number, Classification>> {
  const out = new Map<number, Classification>();
  const limit = deps.config.spam.maxMailboxModels;
  const withModel = [...settings].filter(([, s]) => s.modelStamp !== null);
  if (withModel.length === 0) return out;
  try {
    const stamp = await globalModelStampOf(ctx, deps);
    const domains = await localDomains(ctx, deps);
    // The bytes the global verdict was made on, and that reports learn from: without our header.
    const raw = stripHeader(ctx.raw, SPAM_HEADER);
    const chosen = withModel.slice(0, limit).map(([id, s]) => ({ id, stamp: s.modelStamp!, who: copies.find((p) => p.mailbox.id === id)!.mailbox.address }));
    const verdicts = await Promise.all(chosen.map((m) => ownVerdict(ctx, deps, raw, classifyContext(ctx, domains, m.who), stamp, m)));
    chosen.forEach(({ id, who }, i) => {
      const v = verdicts[i];
      if (!v || v.error) return;
      out.set(id, v);
      const learned = v.spam.reasons.find((r) => r.rule === 'MAILBOX_LEARNED');
      if (learned) note(ctx, 'decide', `${who}: with this mailbox's reports: score ${v.spam.score.toFixed(1)} (${v.spam.isSpam ? 'spam' : 'not spam'}); MAILBOX_LEARNED ${learned.weight} (${learned.detail})`);
    });
    if (withModel.length > limit) note(ctx, 'decide', `${withModel.length - limit} recipient mailboxes' own models not applied (more than ${limit}): they get the global verdict`);
  } catch (err) {
    deps.log.error({ err, delivery: ctx.id }, 'applying mailbox spam models failed');
    note(ctx, 'decide', `mailbox spam models not applied (${(err as Error).message}); the global verdict decides`);
  }
  return out;
}

/** One mailbox's verdict with its own model: in a classifier worker when there are some (the models live there), else here. */
async function ownVerdict(
  ctx: DeliveryContext,
  deps: DeliveryDeps,
  raw: Buffer,
  context: ReturnType<typeof classifyContext>,
  globalStamp: number | null,
  m: { id: number; stamp: number; who: string },
): Promise<Classification | null> {
  const db = deps.store.db;
  const inline = async () => {
    const model = await mailboxModel(db, m.id, m.stamp);
    return model && classify({ raw, parsed: ctx.parsed! }, context, { ...(await currentModels(db, globalStamp)), mailbox: model });
  };
  if (!deps.classifyPool) return inline();
  // A model removed meanwhile is an empty one: it moves nothing.
  const load = async () => Buffer.from((await mailboxModelRow(db, m.id))?.model ?? serializeModel(createModel()));
  try {
    return await deps.classifyPool.classify(raw, context, await currentGlobalBytes(db, globalStamp), { id: m.id, stamp: m.stamp, load });
  } catch (err) {
    deps.log.warn({ err, delivery: ctx.id }, 'classifier worker failed; classifying on the event loop');
    return inline();
  }
}

function addFlag(p: Placement, flag: string): void {
  if (!p.flags.some((f) => f.toLowerCase() === flag.toLowerCase())) p.flags.push(flag);
}

/** A row per copy filed into Spam, written in commit's transaction (the spam-wave report reads them). */
function logSpam(ctx: DeliveryContext, filed: Placement[], own: Map<number, Classification>): void {
  if (filed.length === 0) return;
  const from = ctx.parsed?.fromAddresses[0] ?? ctx.mailFrom;
  const sender = (from || '(none)').toLowerCase();
  const domain = parseAddress(from)?.domain ?? '(none)';
  (ctx.commitWrites ??= []).push(async (trx) => {
    const rows = filed
      .filter((p) => ctx.placements.includes(p))
      .map((p) => {
        const v = own.get(p.mailbox.id) ?? ctx.classification!;
        const top = [...v.spam.reasons].sort((a, b) => b.weight - a.weight)[0];
        return { mailbox_id: p.mailbox.id, delivery_id: ctx.id, at: ctx.receivedAt, sender, sender_domain: domain, ip: ctx.client.ip, score: v.spam.score, reason: v.phishing.isPhishing ? 'PHISHING' : (top?.rule ?? 'SPAM') };
      });
    await insertSpamLog(trx, rows);
  });
}
