// Mailcove spam, phishing and email-type classifier (issue 6). classify() is a pure function over
// plain data: no I/O, no clock unless the context leaves receivedAt out, never throws.
//
// ## Interface for the delivery pipeline
//
//   classify(message, context, models, options?) → Classification
//     message  { raw: Buffer, parsed: ParsedMessage }   (parseMessage(raw) from src/mime)
//     context  ClassifyContext: auth (ctx.auth as is: AuthResults fits AuthSignals), recipient
//              address, localDomains, source ('mx' | 'submission' | 'local'), clientIp, helo,
//              mailFrom ('' = null sender), receivedAt (ms), blocklists (hits from
//              checkBlocklists(), looked up beforehand; none by default)
//     models   { global: GlobalModel | null, mailbox?: SpamModel | null, types?: TypeModel | null }
//     result   { spam: { score, isSpam, tags, reasons: [{ rule, weight, detail }] },
//                type: 'spam' | 'promotion' | 'social' | 'transactional' | 'bounce' | 'normal',
//                typeReasons, phishing: { isPhishing, score, reasons },
//                header  (the X-Mailcove-Spam field value), truncated, error? }
//
//   Filing: isSpam or phishing.isPhishing → Spam (phishing also gets the warning keyword);
//   type 'promotion' → Promotions, 'social' → Social networks, anything else → Inbox. type is
//   'spam' whenever isSpam is (a phishing verdict adds a PHISHING reason that makes it spam).
//   Refusing at SMTP above a high score (say 15) is the caller's setting, off by default.
//
//   train(model, message, 'spam' | 'ham') / untrain(model, message, label): reports. model is a
//   mailbox's SpamModel (exact counts: untrain undoes train) or the GlobalModel (its counts
//   exactly, its logistic weights by gradient steps: see linear.ts). The caller stores the model
//   again with serializeModel / serializeGlobal.
//
//   Models at rest: serializeModel/deserializeModel (mailbox, ~1-3 MB at most, usually KBs),
//   serializeGlobal/deserializeGlobal, loadShippedModels() (the files in src/spam/data/, trained
//   by `node dist/src/spam/train-global.js` on the corpus's training split).
//
// ## How the score is made
//   LEARNED          the global logistic model: learnedScale × log-odds + learnedOffset (2, 3.25),
//                    clipped to [-6, 8]
//   MAILBOX_LEARNED  how much this mailbox's own reports move a Bayes verdict over the global
//                    counts: mailboxScale × (logit P(global + 5 × mailbox) − logit P(global)),
//                    logits clipped at 1:1000, mailboxScale 1
//   rules            rules.ts (auth, header anomalies, hidden HTML text, URLs, blocklists)
//   PHISHING         when phishing.ts finds phishing
//   spam when the sum ≥ threshold (5). The reasons list every term with its points. Scale,
//   offset, threshold and rule weights were chosen by cross-validation on the corpus's training
//   split only (bench/spam-tune.mjs); src/spam/README.md has the figures and the split rule.
import { bayesProbability, DEFAULT_BAYES } from './bayes.js';
import { classifyType } from './email-type.js';
import { learnLinear, linearContributions, linearScore, type LinearModel } from './linear.js';
import { learnHashes, type Label, type SpamModel } from './model.js';
import { detectPhishing, PHISHING_THRESHOLD } from './phishing.js';
import { DEFAULT_WEIGHTS, spamRules, type Weights } from './rules.js';
import { tokenize, type Tokens } from './tokenize.js';
import type { TypeModel } from './type-model.js';
import type { Classification, ClassifyContext, Reason } from './types.js';
import { addressDomain } from './urls.js';
import { buildView, type ClassifyMessage, type MessageView } from './view.js';

export type { ClassifyMessage } from './view.js';
export type * from './types.js';
export { createModel, serializeModel, deserializeModel, modelBytes, tokenCount, TOKENIZER_VERSION, type SpamModel, type Label } from './model.js';
export { serializeGlobal, deserializeGlobal, loadShippedModels, globalModelBytes, type GlobalModel } from './model-files.js';
export { checkBlocklists, EXAMPLE_ZONES, type BlocklistZone, type BlocklistResolver, type BlocklistOptions } from './dnsbl.js';
export { createTypeModel, learnType, freezeTypeModel, serializeTypeModel, deserializeTypeModel, type TypeModel } from './type-model.js';
export { DEFAULT_WEIGHTS } from './rules.js';
export { PHISHING_WEIGHTS } from './phishing.js';

export interface ClassifierModels {
  global?: { linear: LinearModel; counts: SpamModel } | null;
  mailbox?: SpamModel | null;
  types?: TypeModel | null;
}

export interface ClassifyOptions {
  /** Spam at or above this many points (default 5). */
  threshold?: number;
  /** Rule weight overrides by rule name; 0 turns a rule off. */
  weights?: Weights;
  /** Points per unit of the global model's log-odds. */
  learnedScale?: number;
  /** Points added to the scaled log-odds (where the model's neutral point sits on the score scale). */
  learnedOffset?: number;
  /** Points per unit of log-odds the mailbox's reports move. */
  mailboxScale?: number;
  phishingThreshold?: number;
  /** Points of the PHISHING reason added to the spam score. */
  phishingWeight?: number;
}

export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_LEARNED_SCALE = 2;
export const DEFAULT_LEARNED_OFFSET = 3.25;
export const DEFAULT_MAILBOX_SCALE = 1;
export const LEARNED_RANGE: [number, number] = [-6, 8];
const MAILBOX_RANGE = 10;

const round2 = (x: number) => Math.round(x * 100) / 100;
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const logit = (p: number) => {
  const q = clip(p, 1e-3, 1 - 1e-3); // beyond 1:1000 chi-square tails are noise, not evidence
  return Math.log(q / (1 - q));
};

/** Readable token: internal prefixes kept short ("b:" pairs shown as the two words). */
function showToken(t: string): string {
  return (t.startsWith('b:') ? t.slice(2) : t).slice(0, 40);
}

function learnedReason(global: { linear: LinearModel }, tok: Tokens, scale: number, offset: number): Reason {
  const z = linearScore(global.linear, tok.hashes);
  const contrib = linearContributions(global.linear, tok.hashes);
  const idx = Array.from(contrib.keys()).sort((a, b) => contrib[b] - contrib[a]);
  const spammy = idx.slice(0, 3).filter((i) => contrib[i] > 0.05).map((i) => `"${showToken(tok.tokens[i])}"`);
  const hammy = idx.slice(-3).reverse().filter((i) => contrib[i] < -0.05).map((i) => `"${showToken(tok.tokens[i])}"`);
  const parts = [`global model log-odds ${z.toFixed(2)}`];
  if (spammy.length) parts.push(`spam-like ${spammy.join(', ')}`);
  if (hammy.length) parts.push(`ham-like ${hammy.join(', ')}`);
  return { rule: 'LEARNED', weight: round2(clip(scale * z + offset, LEARNED_RANGE[0], LEARNED_RANGE[1])), detail: parts.join('; ') };
}

function mailboxReason(models: ClassifierModels, tok: Tokens, scale: number): Reason | null {
  const mailbox = models.mailbox;
  if (!mailbox || mailbox.nSpam + mailbox.nHam === 0) return null;
  const counts = models.global?.counts ?? null;
  const mine = bayesProbability(tok.tokens, tok.hashes, counts, mailbox, DEFAULT_BAYES);
  if (mine.probability === null) return null;
  const base = counts ? bayesProbability(tok.tokens, tok.hashes, counts, null, DEFAULT_BAYES).probability : 0.5;
  const delta = clip(logit(mine.probability) - logit(base ?? 0.5), -MAILBOX_RANGE / scale, MAILBOX_RANGE / scale);
  if (Math.abs(delta) < 0.05) return null;
  const toks = (delta > 0 ? mine.spammiest : mine.hammiest).slice(0, 3).map((t) => `"${showToken(t)}"`);
  return {
    rule: 'MAILBOX_LEARNED',
    weight: round2(scale * delta),
    detail: `this mailbox's reports (${mailbox.nSpam} spam, ${mailbox.nHam} not spam) move it ${delta > 0 ? 'toward spam' : 'toward not spam'}${toks.length ? ': ' + toks.join(', ') : ''}`,
  };
}

function ownDomainsOf(ctx: ClassifyContext): Set<string> {
  const out = new Set<string>();
  const r = addressDomain(ctx.recipient ?? '');
  if (r) out.add(r);
  for (const d of ctx.localDomains ?? []) if (d) out.add(d.toLowerCase());
  return out;
}

/** The X-Mailcove-Spam field value: ASCII, one line, bounded. */
export function headerValue(c: Pick<Classification, 'spam' | 'type' | 'phishing'>, threshold: number): string {
  const tags = c.spam.tags.slice(0, 30).join(',');
  const parts = [c.spam.isSpam ? 'yes' : 'no', `score=${c.spam.score.toFixed(1)}`, `threshold=${threshold.toFixed(1)}`, `type=${c.type}`];
  if (c.phishing.isPhishing) parts.push('phishing=yes');
  if (tags) parts.push(`tags=${tags}`);
  return parts.join('; ').replace(/[^\x20-\x7e]/g, '?').slice(0, 900);
}

function classifyUnsafe(message: ClassifyMessage, ctx: ClassifyContext, models: ClassifierModels, o: ClassifyOptions): Classification {
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  const weights = { ...DEFAULT_WEIGHTS, ...(o.weights ?? {}) };
  const view = buildView(message);
  const tok = tokenize(view);
  const ownDomains = ownDomainsOf(ctx);
  const receivedAt = ctx.receivedAt ?? Date.now();

  const reasons: Reason[] = [];
  if (models.global) reasons.push(learnedReason(models.global, tok, o.learnedScale ?? DEFAULT_LEARNED_SCALE, o.learnedOffset ?? DEFAULT_LEARNED_OFFSET));
  const mine = mailboxReason(models, tok, o.mailboxScale ?? DEFAULT_MAILBOX_SCALE);
  if (mine) reasons.push(mine);
  reasons.push(...spamRules({ view, ctx, ownDomains, receivedAt }, weights));
  const phishing = detectPhishing({ view, ctx, ownDomains }, o.phishingThreshold ?? PHISHING_THRESHOLD);
  if (phishing.isPhishing) {
    const top = phishing.reasons.slice().sort((a, b) => b.weight - a.weight).slice(0, 2).map((r) => r.detail);
    reasons.push({ rule: 'PHISHING', weight: o.phishingWeight ?? Math.max(threshold, 6), detail: top.join('; ') });
  }
  const score = round2(reasons.reduce((s, r) => s + r.weight, 0));
  const isSpam = score >= threshold;
  const t = classifyType({ view, ctx, hashes: tok.hashes, model: models.types ?? null });
  // A DSN stays a bounce unless it is itself spam (backscatter that quotes spam still is a bounce).
  const type = isSpam ? 'spam' : t.type;
  const spam = { score, isSpam, tags: reasons.filter((r) => r.weight !== 0).map((r) => r.rule), reasons };
  const result: Classification = { spam, type, typeReasons: t.reasons, phishing, header: '', truncated: view.truncated };
  result.header = headerValue(result, threshold);
  return result;
}

/** Classify one message for one mailbox. Never throws: on an internal error the verdict is "not spam, normal" with the error. */
export function classify(message: ClassifyMessage, context: ClassifyContext = {}, models: ClassifierModels = {}, options: ClassifyOptions = {}): Classification {
  try {
    return classifyUnsafe(message, context, models, options);
  } catch (err) {
    const detail = `classifier error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
    const spam = { score: 0, isSpam: false, tags: ['CLASSIFIER_ERROR'], reasons: [{ rule: 'CLASSIFIER_ERROR', weight: 0, detail }] };
    const phishing = { isPhishing: false, score: 0, reasons: [] };
    const r: Classification = { spam, type: 'normal', typeReasons: [], phishing, header: '', error: detail, truncated: [] };
    r.header = headerValue(r, options.threshold ?? DEFAULT_THRESHOLD);
    return r;
  }
}

/** The tokens a message contributes to the models (bounded like classify). */
export function messageTokens(message: ClassifyMessage): Tokens {
  return tokenize(buildView(message));
}

export function messageView(message: ClassifyMessage): MessageView {
  return buildView(message);
}

type AnyModel = SpamModel | { linear: LinearModel; counts: SpamModel };

function learn(model: AnyModel, message: ClassifyMessage, label: Label, sign: 1 | -1): void {
  const tok = messageTokens(message);
  if ('linear' in model) {
    learnHashes(model.counts, tok.hashes, label, sign);
    learnLinear(model.linear, tok.hashes, label, sign);
  } else learnHashes(model, tok.hashes, label, sign);
}

/** Learn a report ("report as spam" → 'spam', "not spam" → 'ham') into a mailbox or the global model. */
export function train(model: AnyModel, message: ClassifyMessage, label: Label): void {
  learn(model, message, label, 1);
}

/** Take back an earlier train() of the same message and label (a report withdrawn or reversed). */
export function untrain(model: AnyModel, message: ClassifyMessage, label: Label): void {
  learn(model, message, label, -1);
}
