// Which kind of mail this is, for the Promotions and Social networks folders and for Sieve:
// spam, promotion, social, transactional, bounce or normal. Header evidence (List-Unsubscribe,
// Precedence, ESP fingerprints, social-network domains, DSN structure) and wording add points to
// each type, the learned type model adds up to MODEL_POINTS more, and the best type wins if it
// reaches MIN_POINTS and beats "normal"; otherwise the message is normal.
//
// Spam and phishing verdicts come first; then bounces (a DSN is a DSN whatever it quotes).
import { ESP_DOMAINS, ESP_HEADERS, type EspFingerprint } from './data/esp.js';
import { SOCIAL_DOMAINS, SOCIAL_HEADERS, SOCIAL_PHRASES } from './data/social.js';
import { TYPE_CLASSES, typePosterior, type TypeModel } from './type-model.js';
import type { ClassifyContext, EmailType, Reason } from './types.js';
import { addressDomain, registrableDomain } from './urls.js';
import { header, headerNames, headersNamed, type MessageView } from './view.js';

export const MIN_POINTS = 3;
export const MODEL_POINTS = 3;

const BOUNCE_SUBJECT = /^\s*(undeliver(able|ed)|delivery status notification|delivery (failure|has failed|failed)|returned mail|failure notice|mail delivery (failed|failure|subsystem)|non[- ]?delivery|message not delivered|undelivered mail returned|warning: could not send|delayed mail|delivery delayed|unzustellbar|non remis|échec de (la )?remise|nicht zustellbar)/i;

const TRANSACTIONAL_SUBJECT = /\b(receipt|invoice|your (order|purchase|booking|reservation|ticket|trip|payment|subscription|statement|bill|refund|return|delivery|package|parcel|shipment)|order (confirm(ed|ation)?|#|no\.?|number|received|update|status)|payment (received|confirm(ed|ation)|successful|due|reminder|receipt)|has (shipped|been shipped|been delivered|been dispatched)|shipped|shipping (confirmation|update|notification)|out for delivery|delivery (update|scheduled|notification|attempt)|tracking (number|info)|booking confirm|reservation confirm|e-?ticket|boarding pass|check-?in (is )?(now )?open|refund|registration confirmed|you'?re (booked|registered)|ready for pickup|(ihr|ihre) (ticket|bestellung|rechnung|buchung|reservierung|sendung|paket|kontoauszug|zahlung)|rechnung|bestellung|quittung|sendung|\w*bestätigung|votre (commande|facture|réservation|billet|colis|reçu)|commande|facture|reçu|confirmation de (réservation|commande|paiement))/i;

// Security mail (codes, resets, sign-in alerts) must reach the Inbox even from a social network.
const SECURITY_SUBJECT = /\b(password (reset|change|changed|was changed|has been changed|has been reset)|reset your password|verification code|verify your (email|e-mail|address|phone)|security (code|alert)|one-time (code|password|passcode)|login code|sign-?in (code|attempt|link|from a new device)|new (sign-?in|login)|confirm your (email|e-mail|account|registration|subscription)|your code is|code is \d+|is your .{0,30}code|\d{4,8} is your|ssh key|two-factor|2fa|account (created|activated|confirmation)|code de (vérification|confirmation)|bestätigungscode|anmeldecode|passwort)\b/i;

const TRANSACTIONAL_BODY = /\b(order (number|#|no)|invoice (number|#|no)|transaction (id|number)|amount (paid|due|charged)|total( paid| charged)?:|subtotal|billing address|shipping address|tracking number|your verification code|your (one-time|security|login) code|expires in \d+ minutes|this code (will )?expire|if you did(n't| not) (request|make|sign)|reset (your )?password|receipt for your|estimated delivery)\b/i;

const PROMO_SUBJECT = /(\d+\s?%\s?off|\bsale\b|\bdeals?\b|\boffer(s)?\b|\bdiscount|\bcoupon|\bpromo|free shipping|limited time|last chance|ends (today|tonight|soon|sunday|midnight)|\bnew arrivals|\bshop (now|the)|\bnewsletter|\bwebinar|\bexclusive|save (up to|\$|€|£|\d)|black friday|cyber monday|\bclearance|\bflash sale|don't miss|\bgift (guide|ideas)|\bthis week'?s|\bweekly|\bmonthly|\bdigest|\bissue #?\d+|\bedition|\bsoldes|\bangebot|\brabatt|\bnouveautés|\bpromotion)/i;

const PROMO_BODY = /\b(unsubscribe|opt[- ]out|manage (your )?(email )?preferences|update (your )?preferences|view (this email )?in (your )?browser|you('re| are) receiving this (email|newsletter|because)|shop now|use code|promo code|coupon code|free shipping|% off|se désabonner|désinscri|abmelden)\b/i;

export interface TypeEnv {
  view: MessageView;
  ctx: ClassifyContext;
  hashes: ArrayLike<number>;
  model: TypeModel | null;
}

export interface TypeResult {
  type: Exclude<EmailType, 'spam'>;
  reasons: Reason[];
  points: Record<string, number>;
}

function espOf(view: MessageView, names: string[]): EspFingerprint | null {
  for (const n of names) {
    const e = ESP_HEADERS.get(n);
    if (e) return e;
  }
  const cands = [
    addressDomain(header(view, 'return-path')?.replace(/[<>]/g, '')),
    addressDomain(header(view, 'message-id')?.replace(/[<>]/g, '')),
    ...headersNamed(view, 'dkim-signature').slice(0, 5).map((v) => /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(v)?.[1]?.toLowerCase() ?? ''),
  ];
  for (const d of cands) {
    if (!d) continue;
    const e = ESP_DOMAINS.get(registrableDomain(d)) ?? ESP_DOMAINS.get(d);
    if (e) return e;
  }
  const feedback = header(view, 'feedback-id');
  if (feedback && /amazonses/i.test(feedback)) return ESP_DOMAINS.get('amazonses.com') ?? null;
  return null;
}

export function classifyType({ view, ctx, hashes, model }: TypeEnv): TypeResult {
  const reasons: Reason[] = [];
  const points: Record<string, number> = { bounce: 0, promotion: 0, social: 0, transactional: 0, normal: 1 };
  const add = (type: string, rule: string, weight: number, detail: string) => {
    points[type] += weight;
    reasons.push({ rule: `${type.toUpperCase()}:${rule}`, weight, detail });
  };
  const fromAddr = (view.from?.address ?? '').toLowerCase();
  const fromOrg = registrableDomain(view.fromDomain);
  const subject = view.subject;
  const head = view.text.slice(0, 2000);

  // Bounces (RFC 3464 DSNs and the older free-text kind).
  if (view.deliveryStatus) add('bounce', 'DSN', 10, 'multipart/report with delivery-status');
  if (/^(mailer-daemon|postmaster|mail-daemon)@/i.test(fromAddr)) add('bounce', 'DAEMON_SENDER', 3, `from ${fromAddr}`);
  if (ctx.mailFrom === '') add('bounce', 'NULL_SENDER', 2, 'null envelope sender');
  if (BOUNCE_SUBJECT.test(subject)) add('bounce', 'SUBJECT', 3, `subject "${subject.slice(0, 60)}"`);

  // Mailing-list and bulk headers.
  const listUnsub = header(view, 'list-unsubscribe');
  const listId = header(view, 'list-id');
  const listPost = header(view, 'list-post');
  const precedence = (header(view, 'precedence') ?? '').trim().toLowerCase();
  const names = headerNames(view, 200);
  const esp = espOf(view, names);
  // A discussion list (people post to it: List-Post, Mailman/Sympa) is conversation, not marketing.
  const discussion = listPost !== null && !/^\s*no\b/i.test(listPost);
  if (discussion) add('normal', 'DISCUSSION_LIST', 3, `mailing list with List-Post ${listPost.trim().slice(0, 60)}`);
  if (listUnsub) add('promotion', 'LIST_UNSUBSCRIBE', discussion ? 0.5 : 2, 'List-Unsubscribe');
  if (header(view, 'list-unsubscribe-post')) add('promotion', 'ONE_CLICK_UNSUBSCRIBE', 1, 'List-Unsubscribe-Post (RFC 8058)');
  if (listId && !discussion) add('promotion', 'LIST_ID', 0.5, `List-Id ${listId.trim().slice(0, 60)}`);
  if ((precedence === 'bulk' || precedence === 'list') && !discussion) add('promotion', 'PRECEDENCE', 1, `Precedence: ${precedence}`);
  if (esp?.kind === 'bulk') add('promotion', 'BULK_ESP', 2, `sent through ${esp.name}`);
  else if (esp?.kind === 'both') add('promotion', 'ESP', 0.5, `sent through ${esp.name}`);
  else if (esp?.kind === 'transactional') add('transactional', 'TRANSACTIONAL_ESP', 1.5, `sent through ${esp.name}`);
  const stream = header(view, 'x-pm-message-stream');
  if (stream && /outbound/i.test(stream)) add('transactional', 'TRANSACTIONAL_STREAM', 1, 'Postmark transactional stream');
  if (stream && /broadcast/i.test(stream)) add('promotion', 'BROADCAST_STREAM', 1.5, 'Postmark broadcast stream');

  // Social networks.
  const social = SOCIAL_DOMAINS.get(fromOrg) ?? SOCIAL_DOMAINS.get(view.fromDomain);
  if (social) add('social', 'NETWORK_DOMAIN', 4, `from ${social.name} (${view.fromDomain})`);
  const socialHeader = names.map((n) => SOCIAL_HEADERS.get(n)).find(Boolean);
  if (socialHeader) add('social', 'NETWORK_HEADER', 3, `${socialHeader.name} notification header`);
  if (SOCIAL_PHRASES.some((re) => re.test(subject))) add('social', 'NOTIFICATION_SUBJECT', 2, `subject "${subject.slice(0, 60)}"`);
  else if (SOCIAL_PHRASES.some((re) => re.test(head.slice(0, 400)))) add('social', 'NOTIFICATION_TEXT', 1, 'notification wording');

  // Wording.
  if (TRANSACTIONAL_SUBJECT.test(subject)) add('transactional', 'SUBJECT', 3, `subject "${subject.slice(0, 60)}"`);
  if (SECURITY_SUBJECT.test(subject)) add('transactional', 'SECURITY', 4, `account security subject "${subject.slice(0, 60)}"`);
  if (TRANSACTIONAL_BODY.test(view.text.slice(0, 20000))) add('transactional', 'BODY', 1.5, 'order, receipt, code or account wording');
  if (/(^|\n|:)\s*\d{4,8}\s*(\n|$)|\bcode:?\s+[A-Z0-9]{4,8}\b/.test(head)) add('transactional', 'CODE', 1, 'a one-time code');
  if (PROMO_SUBJECT.test(subject)) add('promotion', 'SUBJECT', 2, `subject "${subject.slice(0, 60)}"`);
  if (PROMO_BODY.test(view.text.slice(0, 50000))) add('promotion', 'BODY', 1, 'unsubscribe or shopping wording');
  if (header(view, 'in-reply-to') || header(view, 'references')) add('normal', 'REPLY', 2, 'part of a conversation');
  if (!view.html.length && !listUnsub && !esp) add('normal', 'PERSONAL_FORMAT', 1, 'plain text, no bulk headers');

  // The learned model.
  const post = model ? typePosterior(model, hashes) : null;
  if (post) {
    TYPE_CLASSES.forEach((c, i) => {
      const w = Math.round(post[i] * MODEL_POINTS * 100) / 100;
      if (w >= 0.3) add(c, 'MODEL', w, `type model: ${(post[i] * 100).toFixed(0)} % ${c}`);
    });
  }

  if (points.bounce >= 6) return { type: 'bounce', reasons, points };
  let best: 'promotion' | 'social' | 'transactional' | 'normal' = 'normal';
  for (const t of ['social', 'transactional', 'promotion'] as const) {
    if (points[t] >= MIN_POINTS && points[t] > points[best]) best = t;
  }
  return { type: best, reasons, points };
}
