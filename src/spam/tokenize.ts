// A message as the statistical models see it: a set of tokens from the subject, the body text
// (words and word pairs), the URLs, the MIME structure and the header fields, each prefixed with
// where it came from ("s:" subject words, "h:from:dom:" sender domains...). Like SpamBayes, each
// token counts once per message; like Rspamd, pairs of neighbouring words catch phrases.
//
// Bounded: at most MAX_WORDS body words are read and MAX_TOKENS tokens kept.
import { flattenAddresses, parseAddressList, parseDate } from '../mime/index.js';
import { hashToken } from './hash.js';
import { addressDomain, isIpLiteral, registrableDomain } from './urls.js';
import type { MessageView } from './view.js';

export const MAX_WORDS = 4000;
export const MAX_TOKENS = 12000;
const MAX_TEXT = 200_000;

export interface Tokens {
  tokens: string[];
  hashes: Uint32Array;
}

// Fields that say nothing about the sender, or that other filters and clients wrote: learning
// them would learn someone else's verdict (X-Spam-*) or our own.
const SKIP = /^(x-spam-|x-mailcove-|x-virus|status$|x-status$|x-keywords$|x-uid|x-mozilla-|content-length$|lines$|authentication-results$|arc-|received-spf$|x-google-dkim|delivered-to$|x-original-to$|x-envelope-to$|x-mailcove)/;
const ADDRESS_FIELDS = new Set(['from', 'to', 'cc', 'reply-to', 'sender', 'return-path', 'errors-to', 'disposition-notification-to']);
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const STRIP = /^[^\p{L}\p{N}$€£]+|[^\p{L}\p{N}$€£%]+$/gu;

/** Digits → 9, letters → a, runs collapsed: the shape of an identifier, not its value. */
export function shape(s: string, max = 40): string {
  return s.slice(0, 200).replace(/[0-9]+/g, '9').replace(/[a-z]+/g, 'a').replace(/[A-Z]+/g, 'A').slice(0, max);
}

class Collector {
  set = new Set<string>();
  add(t: string): void {
    if (this.set.size < MAX_TOKENS) this.set.add(t);
  }
}

/** Words of a text as SpamBayes splits them: on whitespace, outer punctuation stripped, lower case. */
export function words(text: string, max: number): string[] {
  const out: string[] = [];
  const src = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  for (const rawWord of src.split(/\s+/)) {
    if (out.length >= max) break;
    if (!rawWord) continue;
    const w = rawWord.replace(STRIP, '').toLowerCase();
    if (!w) continue;
    if (CJK.test(w)) {
      // No spaces between CJK words: overlapping character pairs stand in for them.
      for (let i = 0; i + 1 < w.length && out.length < max && i < 40; i++) out.push(w.slice(i, i + 2));
      continue;
    }
    if (w.length > 20) out.push(`skip:${w[0]}:${Math.min(9, Math.floor(w.length / 10))}`);
    else if (w.length >= 2) out.push(w);
  }
  return out;
}

function addText(c: Collector, text: string, prefix: string, max: number): void {
  const ws = words(text, max);
  let prev = '';
  for (const w of ws) {
    c.add(prefix + w);
    if (prev && !w.startsWith('skip:')) c.add(`${prefix}b:${prev} ${w}`);
    prev = w.startsWith('skip:') ? '' : w;
  }
}

function addHeader(c: Collector, name: string, value: string): void {
  c.add('hn:' + name);
  if (ADDRESS_FIELDS.has(name)) {
    const list = flattenAddresses(parseAddressList(value.slice(0, 4000), { maxAddresses: 20 }));
    if (name === 'to' || name === 'cc') c.add(`h:${name}:count:${list.length > 5 ? 'many' : list.length}`);
    for (const a of list) {
      const addr = a.address.toLowerCase();
      const dom = addressDomain(addr);
      c.add(`h:${name}:addr:${addr}`);
      if (dom) c.add(`h:${name}:dom:${dom}`);
      const local = addr.slice(0, addr.lastIndexOf('@'));
      if (local) c.add(`h:${name}:local:${shape(local, 20)}`);
      for (const w of words(a.name, 6)) c.add(`h:${name}:n:${w}`);
      if (!a.name) c.add(`h:${name}:noname`);
    }
    return;
  }
  switch (name) {
    case 'received': {
      const v = value.slice(0, 1000).toLowerCase().replace(/\s+/g, ' ');
      for (const m of v.matchAll(/\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b/g)) c.add('rcvd:dom:' + registrableDomain(m[1]));
      for (const m of v.matchAll(/\b(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}\b/g)) c.add(`rcvd:ip16:${m[1]}.${m[2]}`);
      const w = /\bwith\s+([a-z0-9-]+)/.exec(v);
      if (w) c.add('rcvd:with:' + w[1]);
      for (const t of receivedShape(v)) c.add(t);
      return;
    }
    case 'message-id': {
      const at = value.lastIndexOf('@');
      if (at !== -1) c.add('h:mid:dom:' + value.slice(at + 1).replace(/[>\s].*$/, '').toLowerCase().slice(0, 80));
      c.add('h:mid:shape:' + shape(value.trim()));
      return;
    }
    case 'date': {
      const tz = /([+-]\d{4}|\b[A-Z]{2,4})\s*(\(.*\))?\s*$/.exec(value.trim());
      c.add('h:date:tz:' + (tz ? tz[1] : 'none'));
      c.add('h:date:shape:' + shape(value.trim()));
      return;
    }
    case 'content-type': {
      const v = value.toLowerCase();
      c.add('h:ct:' + v.split(';')[0].trim());
      const cs = /charset\s*=\s*"?([^";\s]+)/.exec(v);
      if (cs) c.add('h:charset:' + cs[1]);
      const b = /boundary\s*=\s*"?([^";]+)/i.exec(value);
      if (b) c.add('h:boundary:' + shape(b[1], 24));
      return;
    }
    case 'dkim-signature':
    case 'domainkey-signature': {
      const d = /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(value);
      if (d) c.add('h:dkim:d:' + d[1].toLowerCase());
      return;
    }
    case 'subject':
      return; // tokenized on its own, decoded
    default: {
      let n = 0;
      for (const w of words(value.slice(0, 500), 8)) {
        c.add(`h:${name}:${w}`);
        if (++n >= 8) break;
      }
    }
  }
}

/**
 * How a Received field looks, not what it names: the HELO a client gave (an IP address, a name
 * without a dot, a name unlike its reverse DNS), a missing reverse name, an unreadable date. These
 * are what forged and botnet hops have, and what SpamAssassin's RCVD_* rules look for; here the
 * learned model weighs them.
 */
export function receivedShape(v: string): string[] {
  const out: string[] = [];
  const m = /^\s*from\s+(\S+)(?:\s+\(([^)]*)\))?/.exec(v);
  if (m) {
    let helo = m[1];
    const paren = m[2] ?? '';
    const qmailHelo = /\(helo ([^)\s]+)\)/.exec(v)?.[1];
    if (helo === 'unknown' && qmailHelo) helo = qmailHelo;
    if (/^\[?\d{1,3}(\.\d{1,3}){3}\]?$/.test(helo)) out.push('rcvd:helo:ip');
    else if (!helo.includes('.')) out.push(helo === 'localhost' ? 'rcvd:helo:localhost' : 'rcvd:helo:nodot');
    const rdns = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*\[/.exec(paren.trim())?.[1];
    if (/^\s*(unknown\b|\[|\d)/.test(paren) || (m[1] === 'unknown')) out.push('rcvd:rdns:none');
    else if (rdns && helo.includes('.') && !/^\[?\d/.test(helo)) out.push(registrableDomain(rdns) === registrableDomain(asciiHostOrEmpty(helo)) ? 'rcvd:helo:matches' : 'rcvd:helo:differs');
  }
  const semi = v.lastIndexOf(';');
  if (semi === -1) out.push('rcvd:date:none');
  else if (!parseDate(v.slice(semi + 1))) out.push('rcvd:date:bad');
  return out;
}

function asciiHostOrEmpty(h: string): string {
  return h.replace(/^\[|\]$/g, '');
}

/** Bucket of a count: 0, 1, 2-3, 4-7, 8-15... (powers of two). */
function bucket(n: number): number {
  return n <= 0 ? 0 : Math.min(12, Math.floor(Math.log2(n)) + 1);
}

/** Message-wide shapes: capitals, exclamation marks, amounts of money, links, time between Date and arrival. */
function shapeTokens(c: Collector, view: MessageView): void {
  const text = view.text.slice(0, 20000);
  const letters = text.replace(/[^\p{L}]/gu, '');
  const caps = letters.replace(/[^\p{Lu}]/gu, '').length;
  if (letters.length >= 40) c.add('f:caps:' + Math.min(10, Math.floor((caps / letters.length) * 20)));
  c.add('f:excl:' + bucket((text.match(/!/g) ?? []).length));
  c.add('f:money:' + bucket((text.match(/[$€£]\s?\d|\d\s?(?:usd|eur|dollars?)\b/gi) ?? []).length));
  c.add('f:len:' + bucket(text.length >> 6));
  c.add('f:urls:' + bucket(view.urls.length));
  c.add('f:urldomains:' + bucket(new Set(view.urls.map((u) => registrableDomain(u.host))).size));
  const date = parseDate(view.headers.find((h) => h.name.toLowerCase() === 'date')?.value ?? null)?.getTime();
  const rcvd = view.headers.filter((h) => h.name.toLowerCase() === 'received').slice(0, 20).map((h) => {
    const semi = h.value.lastIndexOf(';');
    return semi === -1 ? null : (parseDate(h.value.slice(semi + 1).replace(/\s+/g, ' '))?.getTime() ?? null);
  }).filter((t): t is number => t !== null);
  if (date !== undefined && rcvd.length) {
    const hours = (date - rcvd[0]) / 3600_000;
    c.add('f:date-vs-rcvd:' + (hours > 24 ? 'future-day' : hours > 1 ? 'future-hours' : hours > -1 ? 'near' : hours > -24 ? 'hours-before' : hours > -24 * 30 ? 'days-before' : 'months-before'));
  }
  if (rcvd.length >= 2) c.add('f:rcvd-span:' + bucket(Math.abs(rcvd[0] - rcvd[rcvd.length - 1]) / 60_000));
}

export function tokenize(view: MessageView): Tokens {
  const c = new Collector();
  addText(c, view.subject, 's:', 40);
  let received = 0;
  for (const h of view.headers.slice(0, 200)) {
    const name = h.name.toLowerCase();
    if (SKIP.test(name)) continue;
    if (name === 'received' && ++received > 12) continue;
    addHeader(c, name, h.value);
  }
  c.add('rcvd:count:' + Math.min(received, 12));
  for (const t of view.partTypes.slice(0, 50)) c.add('part:' + t);
  for (const a of view.attachments) {
    const ext = /\.([a-z0-9]{1,8})$/i.exec(a.filename);
    c.add('att:' + (ext ? ext[1].toLowerCase() : 'noext'));
  }
  for (const h of view.html) for (const s of h.structure) c.add('html:' + s);
  if (view.html.length && !view.plain.length) c.add('f:html-only');
  for (const u of view.urls) {
    c.add('u:host:' + u.host);
    c.add('u:dom:' + registrableDomain(u.host));
    if (isIpLiteral(u.host)) c.add('u:ip');
    if (u.scheme !== 'http' && u.scheme !== 'https') c.add('u:scheme:' + u.scheme);
    let n = 0;
    for (const w of u.path.toLowerCase().split(/[^a-z0-9]+/)) {
      if (w.length >= 3 && w.length <= 20 && n++ < 6) c.add('u:path:' + w);
    }
  }
  shapeTokens(c, view);
  addText(c, view.text, '', MAX_WORDS);
  const tokens = [...c.set];
  const hashes = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) hashes[i] = hashToken(tokens[i]);
  return { tokens, hashes };
}
