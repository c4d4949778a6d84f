// Hand-written spam rules. Each looks at one thing a statistical model cannot see well (a field
// that is missing, what authentication concluded, markup that hides text, where links really go)
// and adds its weight in points. Weights are SpamAssassin-sized (the spam threshold is 5): no
// single rule short of DMARC failure or own-domain forgery can make a message spam alone; they
// tip messages the learned model is unsure about. Every weight can be overridden by name.
import { parseDate } from '../mime/index.js';
import { OWNED_SHORTENERS, SHORTENERS } from './data/shorteners.js';
import { TRACKING_DOMAINS } from './data/esp.js';
import type { ClassifyContext, Reason } from './types.js';
import { addressDomain, asciiHost, domainNamedInText, isIpLiteral, parseLink, registrableDomain } from './urls.js';
import { header, headersNamed, type MessageView } from './view.js';

export const DEFAULT_WEIGHTS: Record<string, number> = {
  // authentication (RFC 7489, 7208, 6376 results from src/authentication)
  DMARC_FAIL: 3.5,
  DMARC_PASS: -0.5,
  SPF_FAIL: 2.0,
  SPF_SOFTFAIL: 0.8,
  SPF_NONE: 0.3,
  SPF_PERMERROR: 0.5,
  DKIM_FAIL: 1.0,
  DKIM_NONE: 0.3,
  COMPLIANT_BULK_SENDER: -1.5,
  FROM_OWN_DOMAIN_UNAUTH: 4.0,
  // header anomalies
  MISSING_DATE: 1.0,
  INVALID_DATE: 1.0,
  DATE_IN_FUTURE: 1.5,
  DATE_IN_PAST: 0.5,
  MISSING_MESSAGE_ID: 1.0,
  MESSAGE_ID_MALFORMED: 0.8,
  MISSING_FROM: 2.0,
  MIME_BROKEN: 0.8,
  MIME_NO_VERSION: 1.0,
  RCVD_TIME_TRAVEL: 1.5,
  HELO_NUMERIC: 1.0,
  HELO_NO_DOT: 0.8,
  HELO_OWN_DOMAIN: 2.0,
  SUBJECT_ALL_CAPS: 0.5,
  SUBJECT_SHOUTING: 0.5,
  FROM_NAME_HAS_OTHER_ADDRESS: 0.5,
  REPLY_TO_FREEMAIL: 1.5,
  // HTML
  HTML_ONLY: 0.3,
  HIDDEN_TEXT: 2.0,
  SAME_COLOUR_TEXT: 2.0,
  TINY_TEXT: 1.5,
  IMAGE_ONLY: 1.5,
  HTML_PASSWORD_FORM: 3.0,
  // URLs
  URL_IP_LITERAL: 1.5,
  URL_SHORTENER: 0.5,
  LINK_TEXT_MISMATCH: 1.5,
  URL_USERINFO: 2.0,
};

export type Weights = Record<string, number>;

const FREEMAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'hotmail.com', 'outlook.com', 'live.com', 'aol.com', 'mail.ru', 'yandex.ru', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'protonmail.com', 'proton.me', 'icloud.com', 'zoho.com', 'qq.com', '163.com']);

type Emit = (rule: string, detail: string) => void;

export interface RuleEnv {
  view: MessageView;
  ctx: ClassifyContext;
  /** The recipient's domain and every local domain, lower case. */
  ownDomains: Set<string>;
  receivedAt: number;
}

function authRules({ view, ctx, ownDomains }: RuleEnv, emit: Emit): void {
  const auth = ctx.auth;
  if (!auth) return;
  const dmarc = auth.dmarc;
  if (dmarc?.result === 'fail') emit('DMARC_FAIL', `DMARC fail for ${dmarc.fromDomain || view.fromDomain} (policy ${dmarc.policy ?? 'none'})`);
  else if (dmarc?.result === 'pass') emit('DMARC_PASS', `DMARC pass for ${dmarc.fromDomain || view.fromDomain}`);
  const spf = auth.spf?.result;
  const spfDomain = auth.spf?.domain ?? '';
  if (spf === 'fail') emit('SPF_FAIL', `SPF fail for ${spfDomain}`);
  else if (spf === 'softfail') emit('SPF_SOFTFAIL', `SPF softfail for ${spfDomain}`);
  else if (spf === 'none') emit('SPF_NONE', `no SPF record for ${spfDomain || 'the sender'}`);
  else if (spf === 'permerror') emit('SPF_PERMERROR', `broken SPF record for ${spfDomain}`);
  const dkim = auth.dkim ?? [];
  if (!dkim.some((d) => d.result === 'pass')) {
    const failed = dkim.filter((d) => d.result === 'fail' || d.result === 'permerror');
    if (failed.length) emit('DKIM_FAIL', `DKIM signature of ${failed.map((d) => d.domain).join(', ')} does not verify`);
    else emit('DKIM_NONE', 'no valid DKIM signature');
  }
  // What mailbox providers have required of bulk senders since 2024 (aligned DMARC and RFC 8058
  // one-click unsubscribe): spammers rarely bother, newsletters that people signed up for do.
  if (dmarc?.result === 'pass' && header(view, 'list-unsubscribe-post') !== null && header(view, 'list-unsubscribe') !== null) {
    emit('COMPLIANT_BULK_SENDER', `authenticated bulk mail from ${dmarc.fromDomain || view.fromDomain} with one-click unsubscribe`);
  }
  // Spam "from your own address" (see the help centre): our domain in From, but nothing proves it.
  const from = view.fromDomain;
  if (from && ownDomains.has(from) && ctx.source !== 'submission' && ctx.source !== 'local') {
    const proven = dmarc?.result === 'pass' || dkim.some((d) => d.result === 'pass' && registrableDomain(d.domain) === registrableDomain(from));
    if (!proven) emit('FROM_OWN_DOMAIN_UNAUTH', `From claims our own domain ${from} without passing authentication`);
  }
}

const RCVD_DATE = /;([^;]*)$/;

function headerRules({ view, ctx, receivedAt, ownDomains }: RuleEnv, emit: Emit): void {
  const dateValue = header(view, 'date');
  if (dateValue === null) emit('MISSING_DATE', 'no Date field');
  else {
    const d = parseDate(dateValue);
    if (!d) emit('INVALID_DATE', `Date "${dateValue.trim().slice(0, 60)}" cannot be read`);
    else if (d.getTime() > receivedAt + 12 * 3600_000) emit('DATE_IN_FUTURE', `Date is ${Math.round((d.getTime() - receivedAt) / 3600_000)} hours after it arrived`);
    else if (d.getTime() < receivedAt - 10 * 86400_000) emit('DATE_IN_PAST', `Date is ${Math.round((receivedAt - d.getTime()) / 86400_000)} days before it arrived`);
  }
  const mid = header(view, 'message-id');
  if (mid === null || !mid.trim()) emit('MISSING_MESSAGE_ID', 'no Message-ID field');
  else if (!/^\s*<[^<>\s@]+@[^<>\s@]+>\s*$/.test(mid)) emit('MESSAGE_ID_MALFORMED', `Message-ID "${mid.trim().slice(0, 60)}" is not <id@domain>`);
  if (!view.from) emit('MISSING_FROM', 'no readable From address');
  const serious = view.problems.filter((p) => !/header block larger/.test(p));
  if (serious.length) emit('MIME_BROKEN', serious.slice(0, 2).join('; '));
  const ct = header(view, 'content-type');
  if (ct && /^\s*multipart\//i.test(ct) && header(view, 'mime-version') === null) emit('MIME_NO_VERSION', 'multipart message without MIME-Version');

  // Received fields are newest first; an older hop stamped more than a day after a newer one was forged.
  const times = headersNamed(view, 'received')
    .slice(0, 20)
    .map((v) => parseDate(RCVD_DATE.exec(v.replace(/\s+/g, ' '))?.[1] ?? null)?.getTime() ?? null);
  for (let i = 1; i < times.length; i++) {
    const newer = times[i - 1];
    const older = times[i];
    if (newer !== null && older !== null && older - newer > 86400_000) {
      emit('RCVD_TIME_TRAVEL', `Received field ${i + 1} is dated ${Math.round((older - newer) / 3600_000)} hours after the hop that followed it`);
      break;
    }
  }

  const helo = ctx.helo?.trim() ?? '';
  if (helo && ctx.source !== 'submission' && ctx.source !== 'local') {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(helo)) emit('HELO_NUMERIC', `HELO ${helo} is a bare IP address`);
    else if (!helo.includes('.') && !helo.startsWith('[')) emit('HELO_NO_DOT', `HELO ${helo} is not a domain name`);
    const h = asciiHost(helo);
    if (h && [...ownDomains].some((d) => h === d || h.endsWith('.' + d))) emit('HELO_OWN_DOMAIN', `a client from outside greets as ${helo}, our own domain`);
  }

  const subject = view.subject;
  const letters = subject.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 12 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) emit('SUBJECT_ALL_CAPS', 'subject in capitals');
  if (/!{3,}|\${3,}|(?:!\s*){4,}/.test(subject)) emit('SUBJECT_SHOUTING', 'subject with !!! or $$$');

  if (view.from) {
    const inName = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(view.from.name);
    if (inName && inName[0].toLowerCase() !== view.from.address.toLowerCase()) {
      emit('FROM_NAME_HAS_OTHER_ADDRESS', `display name shows ${inName[0]} but the address is ${view.from.address}`);
    }
    const replyTo = header(view, 'reply-to');
    const rd = replyTo ? addressDomain(/<([^>]+)>/.exec(replyTo)?.[1] ?? replyTo.trim()) : '';
    if (rd && FREEMAIL.has(rd) && registrableDomain(rd) !== registrableDomain(view.fromDomain)) emit('REPLY_TO_FREEMAIL', `replies go to a free mailbox at ${rd}, not to ${view.fromDomain}`);
  }
}

function lettersOf(s: string): number {
  return s.replace(/[^\p{L}\p{N}]/gu, '').length;
}

function htmlRules({ view }: RuleEnv, emit: Emit): void {
  if (!view.html.length) return;
  const plainLetters = view.plain.reduce((n, p) => n + lettersOf(p.slice(0, 20000)), 0);
  if (view.plain.length === 0) emit('HTML_ONLY', 'HTML without a plain-text part');
  let display = 0, tiny = 0, colour = 0, visible = 0, images = 0, passwords = 0;
  for (const h of view.html) {
    display += h.hidden.display;
    tiny += h.hidden.tiny;
    colour += h.hidden.color;
    visible += lettersOf(h.visibleText.slice(0, 50000));
    images += h.images;
    passwords += h.passwordInputs;
  }
  // A preheader (a line or two hidden for the inbox preview) is normal; paragraphs are not.
  if (display > 300 || (display > 80 && display > visible * 0.25)) emit('HIDDEN_TEXT', `${display} letters hidden with display:none/visibility:hidden against ${visible} visible`);
  if (colour >= 40) emit('SAME_COLOUR_TEXT', `${colour} letters written in the background colour`);
  if (tiny >= 40) emit('TINY_TEXT', `${tiny} letters in a font too small to read`);
  if (images > 0 && visible < 60 && plainLetters < 60) emit('IMAGE_ONLY', `${images} image(s) and almost no text`);
  if (passwords > 0) emit('HTML_PASSWORD_FORM', 'the message body asks for a password in a form');
}

function urlRules({ view }: RuleEnv, emit: Emit): void {
  const fromOrg = registrableDomain(view.fromDomain);
  const ip = view.urls.find((u) => isIpLiteral(u.host));
  if (ip) emit('URL_IP_LITERAL', `link to an IP address: ${ip.host}`);
  const short = view.urls.find((u) => SHORTENERS.has(u.host) && !(OWNED_SHORTENERS[u.host] ?? []).includes(fromOrg));
  if (short) emit('URL_SHORTENER', `shortened link via ${short.host}`);
  const userinfo = view.urls.find((u) => u.userinfo);
  if (userinfo) emit('URL_USERINFO', `link hides its host after an @: ${userinfo.raw.slice(0, 80)}`);
  const mismatch = linkMismatch(view);
  if (mismatch) emit('LINK_TEXT_MISMATCH', `link text shows ${mismatch.shown} but goes to ${mismatch.actual}`);
}

/** First link whose visible text names one domain while its href goes to another (not a click tracker). */
export function linkMismatch(view: MessageView): { shown: string; actual: string } | null {
  const fromOrg = registrableDomain(view.fromDomain);
  for (const h of view.html) {
    for (const l of h.links) {
      const shown = domainNamedInText(l.text);
      if (!shown) continue;
      const target = parseLink(l.href);
      if (!target) continue;
      const a = registrableDomain(shown);
      const b = registrableDomain(target.host);
      if (a === b || TRACKING_DOMAINS.has(b)) continue;
      // The sender's own redirector (click.example.com for www.shop.com sent from shop.com) is normal.
      if (b === fromOrg && fromOrg) continue;
      return { shown: asciiHost(shown), actual: target.host };
    }
  }
  return null;
}

/** Every rule that fires, weighted by `weights` (a rule weighted 0 is left out). */
export function spamRules(env: RuleEnv, weights: Weights): Reason[] {
  const out: Reason[] = [];
  const emit: Emit = (rule, detail) => {
    const weight = weights[rule] ?? DEFAULT_WEIGHTS[rule] ?? 0;
    if (weight !== 0 && !out.some((r) => r.rule === rule)) out.push({ rule, weight, detail });
  };
  authRules(env, emit);
  headerRules(env, emit);
  htmlRules(env, emit);
  urlRules(env, emit);
  for (const hit of env.ctx.blocklists ?? []) {
    out.push({ rule: `DNSBL_${hit.zone.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`, weight: hit.weight, detail: `${hit.query} listed in ${hit.zone} (${hit.answer})` });
  }
  return out;
}
