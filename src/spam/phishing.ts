// Credential phishing: mail that pretends to be someone the reader trusts (a brand, or the
// reader's own provider) to get a password or payment details. Each signal adds points; 5 or more
// is phishing. The signals are chosen so that a real brand's own mail, authenticated and from
// its domains, collects none of the impersonation ones, and so that urgency alone (which real
// password-reset mail has too) never suffices.
import { BRANDS, BRAND_DOMAINS, type Brand } from './data/brands.js';
import { lookalikeOf, mainLabel, mixedScriptLabel, skeleton, type Lookalike } from './lookalike.js';
import { linkMismatch } from './rules.js';
import type { ClassifyContext, PhishingVerdict, Reason } from './types.js';
import { parseLink, registrableDomain, unicodeHost } from './urls.js';
import type { MessageView } from './view.js';

export const PHISHING_THRESHOLD = 5;

export const PHISHING_WEIGHTS: Record<string, number> = {
  BRAND_IMPERSONATION: 3.0,
  BRAND_SPOOFED: 4.0,
  BRAND_IN_DOMAIN: 2.5,
  OWN_DOMAIN_IMPERSONATION: 3.0,
  LOOKALIKE_DOMAIN: 4.0,
  LOOKALIKE_LINK_UNNAMED: 2.0,
  IDN_HOMOGRAPH: 5.0,
  MIXED_SCRIPT_DOMAIN: 3.0,
  LINK_TEXT_MISMATCH: 2.0,
  LINK_TEXT_MISMATCH_TRUSTED: 3.5,
  URGENT_WORDING: 1.5,
  URGENT_WORDING_STRONG: 2.5,
  CREDENTIAL_REQUEST: 1.0,
  LOGIN_FORM_ATTACHMENT: 5.0,
  FORM_ATTACHMENT: 2.5,
  LOGIN_FORM_BODY: 3.0,
  IP_LINK_CREDENTIALS: 1.5,
};

const SERVICE_WORDS = /\b(support|service|services|security|account|accounts|team|billing|help|helpdesk|customer|notification|notifications|alert|alerts|id|online|bank|banking|verification|no-?reply|care|center|centre|secure|official|admin|payments?|delivery|express)\b/i;

const URGENT = new RegExp(
  [
    'urgent', 'immediately', 'immediate action', 'action required', 'respond now', 'within (?:24|48|72) hours',
    'account (?:will be|has been|is) (?:suspended|closed|locked|disabled|limited|deactivated|terminated|blocked|on hold)',
    'unusual (?:sign-?in|login|activity)', 'suspicious (?:activity|login|sign-?in)', 'verify your (?:account|identity|email|information|details)',
    'confirm your (?:account|identity|details|information|password|billing)', 'update your (?:payment|billing|account|card) (?:details|information|method)',
    '(?:password|mailbox|account|subscription) (?:expires|will expire|has expired)', 'mailbox (?:is )?(?:full|over quota)', 'storage (?:is )?full',
    'final (?:notice|warning|reminder)', 'failure to (?:comply|verify|update|confirm)', 'last warning', 'unauthori[sz]ed (?:access|transaction|payment|login)',
    'payment (?:failed|declined|was declined|could not be processed)', 'security alert', 'will be (?:permanently )?deleted',
    '(?:pending|held|undelivered) (?:incoming )?messages', 'messages (?:are )?on hold', 'release (?:them|your messages|messages)', 'could not be delivered to your inbox',
    're-?(?:confirm|validate|activate) your (?:password|mailbox|account|email)', 'validate your (?:mailbox|account|email)',
    'votre compte (?:sera|a été|est) (?:suspendu|bloqué|désactivé|fermé)', 'vérifiez votre', 'action requise', 'dans les (?:24|48) heures',
    'ihr konto (?:wird|wurde) (?:gesperrt|deaktiviert)', 'bestätigen sie ihr', 'innerhalb von (?:24|48) stunden',
  ].join('|'),
  'gi',
);

const CREDENTIALS = /\b(password|passcode|log ?in|sign ?in|credentials|social security|card number|cvv|pin code|bank details|mot de passe|passwort|kennwort)\b/i;

function normalisedWords(s: string): string {
  return ' ' + s.toLowerCase().replace(/[^\p{L}\p{N}.-]+/gu, ' ').trim() + ' ';
}

/** The brand a display name claims, if any. */
export function brandInName(name: string): Brand | null {
  const n = normalisedWords(name);
  if (n.trim() === '') return null;
  for (const b of BRANDS) {
    if (b.words.some((w) => n.includes(` ${w} `))) return b;
    if ((b.common ?? []).some((w) => n.trim() === w || (n.includes(` ${w} `) && SERVICE_WORDS.test(name)))) return b;
  }
  return null;
}

function isBrandDomain(brand: Brand, domain: string): boolean {
  const org = registrableDomain(domain);
  return brand.domains.some((d) => d === domain || d === org || domain.endsWith('.' + d));
}

export interface PhishingEnv {
  view: MessageView;
  ctx: ClassifyContext;
  ownDomains: Set<string>;
}

const ALL_BRAND_DOMAINS = [...new Set(BRANDS.flatMap((b) => b.domains.map(registrableDomain)))];

interface DomainSignals { look: Lookalike | null; mixed: string | null; inside: Brand | undefined }
const SIGNALS_MAX = 4096;
const signals = new Map<string, DomainSignals>();

/**
 * What a registrable domain looks like, given our own (registrable) domains: pure, and the same
 * sender and link domains come back in message after message, so remembered.
 */
function domainSignals(d: string, ownTargets: string[]): DomainSignals {
  const key = `${d} ${ownTargets.join(' ')}`;
  const known = signals.get(key);
  if (known) return known;
  const look = lookalikeOf(d, [...ALL_BRAND_DOMAINS, ...ownTargets]);
  const mixed = mixedScriptLabel(d);
  // A brand inside another domain: as one of its hyphenated parts ("dhl-parcel-fees"), or, for
  // names of five letters or more, anywhere ("paypalsecure").
  const sk = skeleton(d.split('.')[0]);
  const parts = sk.split(/[-0-9]+/);
  const inside = BRANDS.find((b) => b.words.some((w) => !w.includes(' ') && sk !== w && (parts.includes(w) || (w.length >= 5 && sk.includes(w)))));
  const found = { look, mixed, inside };
  if (signals.size >= SIGNALS_MAX) signals.delete(signals.keys().next().value!);
  signals.set(key, found);
  return found;
}

export function detectPhishing({ view, ctx, ownDomains }: PhishingEnv, threshold = PHISHING_THRESHOLD): PhishingVerdict {
  const reasons: Reason[] = [];
  const add = (rule: string, detail: string, weight = PHISHING_WEIGHTS[rule] ?? 0) => {
    if (!reasons.some((r) => r.rule === rule)) reasons.push({ rule, weight, detail });
  };
  const fromDomain = view.fromDomain;
  const fromOrg = registrableDomain(fromDomain);
  const name = view.from?.name ?? '';
  const auth = ctx.auth;
  const fromAuthenticated = auth?.dmarc?.result === 'pass' || (auth?.dkim ?? []).some((d) => d.result === 'pass' && registrableDomain(d.domain) === fromOrg);

  // A brand in the display name, mail from none of its domains (freemail or a random domain).
  const brand = brandInName(name);
  if (brand && fromDomain && !isBrandDomain(brand, fromDomain)) {
    add('BRAND_IMPERSONATION', `display name "${name.slice(0, 60)}" claims ${brand.name} but the mail is from ${fromDomain}`);
  }
  // The brand's own domain in From, and authentication says it was not them.
  const fromBrand = BRAND_DOMAINS.get(fromOrg) ?? BRAND_DOMAINS.get(fromDomain);
  if (fromBrand && (auth?.dmarc?.result === 'fail' || auth?.spf?.result === 'fail')) add('BRAND_SPOOFED', `From uses ${fromBrand.name}'s domain ${fromDomain} but authentication failed`);
  // Our own domain in the display name ("example.com IT desk") from elsewhere.
  const n = normalisedWords(name);
  for (const own of ownDomains) {
    const label = own.split('.')[0];
    const named = n.includes(` ${own} `) || (label.length >= 4 && n.includes(` ${label} `) && /\b(it|admin|administrator|support|helpdesk|webmail|mail|mailbox|postmaster|security|team|service)\b/i.test(name));
    if (named && fromOrg && registrableDomain(own) !== fromOrg) {
      add('OWN_DOMAIN_IMPERSONATION', `display name "${name.slice(0, 60)}" claims ${own} but the mail is from ${fromDomain}`);
      break;
    }
  }

  // Domains of the sender and of every link: look-alikes, homographs, brand names inside.
  const domains = new Map<string, string>(); // registrable domain → where it was seen
  if (fromOrg) domains.set(fromOrg, 'sender');
  for (const u of view.urls.slice(0, 100)) if (!domains.has(registrableDomain(u.host))) domains.set(registrableDomain(u.host), 'link');
  const ownTargets = [...ownDomains].map(registrableDomain);
  for (const [d, where] of domains) {
    if (!d || BRAND_DOMAINS.has(d) || ownDomains.has(d)) continue;
    const { look, mixed, inside } = domainSignals(d, ownTargets);
    if (look && look.how === 'homograph' && d.includes('xn--')) add('IDN_HOMOGRAPH', `${where} domain ${unicodeHost(d)} (${d}) imitates ${look.target}`);
    else if (look && (where === 'sender' || namesTarget(view, look.target))) add('LOOKALIKE_DOMAIN', `${where} domain ${d} imitates ${look.target}`);
    // A link look-alike of a name the mail never mentions is not posing as it: a mail about
    // qmail that links to qmail.org is not imitating gmail.com.
    else if (look) add('LOOKALIKE_LINK_UNNAMED', `${where} domain ${d} resembles ${look.target}, which the message does not name`);
    if (mixed) add('MIXED_SCRIPT_DOMAIN', `${where} domain ${unicodeHost(d)} mixes scripts: ${mixed}`);
    if (inside && !isBrandDomain(inside, d)) add('BRAND_IN_DOMAIN', `${where} domain ${d} contains the brand name ${inside.name}`);
  }

  // A link whose text shows one domain and goes to another; worse when the shown one is trusted.
  const mismatch = linkMismatch(view);
  if (mismatch) {
    const shownOrg = registrableDomain(mismatch.shown);
    const trusted = BRAND_DOMAINS.has(shownOrg) || ownDomains.has(shownOrg);
    add(trusted ? 'LINK_TEXT_MISMATCH_TRUSTED' : 'LINK_TEXT_MISMATCH', `link text shows ${mismatch.shown} but goes to ${mismatch.actual}`);
  }

  // Wording: urgency, and asking for credentials.
  const text = (view.subject + '\n' + view.text.slice(0, 20000)).toLowerCase();
  const urgent = new Set([...text.matchAll(URGENT)].map((m) => m[0]));
  if (urgent.size >= 2) add('URGENT_WORDING_STRONG', `urgent wording: ${[...urgent].slice(0, 3).join('; ')}`);
  else if (urgent.size === 1) add('URGENT_WORDING', `urgent wording: ${[...urgent][0]}`);
  const asksCredentials = CREDENTIALS.test(text);
  if (asksCredentials && (brand || mismatch || reasons.length)) add('CREDENTIAL_REQUEST', 'asks the reader to sign in or give a password or card details');
  if (asksCredentials && view.urls.some((u) => /^\d|^\[/.test(u.host))) add('IP_LINK_CREDENTIALS', 'sign-in wording with a link to a bare IP address');

  // Forms: an attached web page with a password field is a fake sign-in page.
  for (const a of view.attachments) {
    if (!a.html || a.html.forms + a.html.inputs === 0) continue;
    if (a.html.passwordInputs > 0) add('LOGIN_FORM_ATTACHMENT', `attached page ${a.filename || '(unnamed)'} contains a sign-in form with a password field`);
    else if (a.html.forms > 0) add('FORM_ATTACHMENT', `attached page ${a.filename || '(unnamed)'} contains a form posting to ${formTarget(a.html.formActions)}`);
  }
  if (view.html.some((h) => h.passwordInputs > 0)) add('LOGIN_FORM_BODY', 'the message itself contains a password form');

  // The sender proved it owns a domain of the brand it names: impersonation signals from the name
  // do not apply (its mail still gets every other check).
  if (fromAuthenticated && brand && isBrandDomain(brand, fromDomain)) {
    for (let i = reasons.length - 1; i >= 0; i--) if (reasons[i].rule === 'BRAND_IMPERSONATION') reasons.splice(i, 1);
  }
  const score = Math.round(reasons.reduce((s, r) => s + r.weight, 0) * 100) / 100;
  return { isPhishing: score >= threshold, score, reasons };
}

/** Does the message claim the identity behind a look-alike target: its brand's words, or its name? */
function namesTarget(view: MessageView, target: string): boolean {
  const text = normalisedWords([view.from?.name ?? '', view.subject, view.text.slice(0, 20000)].join(' '));
  const brand = BRAND_DOMAINS.get(target);
  const names = [target, mainLabel(target), ...(brand ? [...brand.words, ...(brand.common ?? [])] : [])];
  return names.some((w) => w.length >= 2 && text.includes(` ${w} `));
}

function formTarget(actions: string[]): string {
  const a = actions.find((x) => x);
  if (!a) return 'this page';
  const u = parseLink(a);
  return u ? u.host : a.slice(0, 60);
}
