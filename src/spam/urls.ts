// Hosts and URLs as the rules see them: lower-case ASCII hosts, the registrable domain
// ("organisational domain"), IP literals. A full public-suffix list is not a dependency of the
// product; the second-level suffixes below cover the registries mail mostly comes from, and a
// miss only makes two sibling domains of such a registry look alike, never a wrong verdict alone.
import { domainToASCII, domainToUnicode } from 'node:url';

const SECOND_LEVEL = new Set(
  (
    'co.uk org.uk ac.uk gov.uk me.uk ltd.uk plc.uk net.uk sch.uk nhs.uk ' +
    'com.au net.au org.au edu.au gov.au asn.au id.au co.nz org.nz net.nz govt.nz ac.nz ' +
    'co.jp ne.jp or.jp ac.jp go.jp ad.jp ed.jp gr.jp lg.jp ' +
    'com.br net.br org.br gov.br com.cn net.cn org.cn gov.cn edu.cn ac.cn com.hk org.hk net.hk edu.hk ' +
    'com.tw org.tw net.tw idv.tw co.kr or.kr ne.kr go.kr ac.kr com.sg org.sg net.sg edu.sg gov.sg ' +
    'co.in net.in org.in firm.in gen.in ind.in ac.in gov.in co.id or.id web.id ac.id go.id ' +
    'com.mx org.mx net.mx gob.mx com.ar net.ar org.ar gob.ar com.co net.co org.co com.pe com.ve ' +
    'co.za org.za net.za gov.za ac.za com.tr net.tr org.tr gov.tr edu.tr com.ua net.ua org.ua in.ua ' +
    'com.pl net.pl org.pl com.ru net.ru org.ru com.my net.my org.my com.ph net.ph com.vn net.vn ' +
    'co.il org.il net.il ac.il com.sa net.sa com.eg com.ng co.ke co.th in.th ac.th go.th ' +
    'com.es nom.es org.es gv.at co.at or.at com.gr com.cy com.mt com.pt ' +
    'blogspot.com appspot.com herokuapp.com github.io netlify.app vercel.app web.app firebaseapp.com ' +
    'azurewebsites.net cloudfront.net amazonaws.com s3.amazonaws.com pages.dev workers.dev ' +
    'wixsite.com weebly.com wordpress.com sharepoint.com myshopify.com glitch.me repl.co ngrok.io'
  ).split(' '),
);

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

/** Lower-case ASCII (punycode) form of a host name; '' when it is not one. */
export function asciiHost(host: string): string {
  let h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h.startsWith('[') && h.endsWith(']')) return h;
  if (IPV4.test(h)) return h;
  if (!/^[\x21-\x7e]*$/.test(h) || h.includes('xn--')) {
    const a = domainToASCII(h);
    if (a) h = a;
  }
  return /^[a-z0-9.-]+$/.test(h) && h.includes('.') ? h : /^[a-z0-9-]+$/.test(h) ? h : '';
}

/** Unicode form of an ASCII host (punycode decoded). */
export function unicodeHost(host: string): string {
  return host.includes('xn--') ? domainToUnicode(host) || host : host;
}

export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || (host.startsWith('[') && host.endsWith(']')) || /^\d{8,10}$/.test(host) || /^0x[0-9a-f]{8}$/i.test(host);
}

const REGISTRABLE_MAX = 4096;
const registrables = new Map<string, string>();

/** The registrable domain: "mail.shop.example.co.uk" → "example.co.uk". */
export function registrableDomain(host: string): string {
  // Asked for the same hosts over and over (every link, every rule): remembered, it is a pure function.
  const known = registrables.get(host);
  if (known !== undefined) return known;
  const r = computeRegistrable(host);
  if (registrables.size >= REGISTRABLE_MAX) registrables.delete(registrables.keys().next().value!);
  registrables.set(host, r);
  return r;
}

function computeRegistrable(host: string): string {
  if (!host || isIpLiteral(host)) return host;
  const labels = host.split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const last2 = labels.slice(-2).join('.');
  const last3 = labels.slice(-3).join('.');
  if (SECOND_LEVEL.has(last3)) return labels.slice(-4).join('.');
  if (SECOND_LEVEL.has(last2)) return last3;
  return last2;
}

/** Domain part of an address, lower case, '' when there is none. */
export function addressDomain(address: string | null | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : asciiHost(address.slice(at + 1).replace(/[>\s]+$/, ''));
}

export interface LinkUrl {
  /** As written (trimmed, bounded). */
  raw: string;
  scheme: string;
  /** ASCII host, lower case ('' when none could be read). */
  host: string;
  path: string;
  /** The URL has user info before the host (http://paypal.com@evil.example/). */
  userinfo: boolean;
}

/** Read a URL leniently (mail links are often broken); null when it has no host. */
export function parseLink(raw: string): LinkUrl | null {
  let s = raw.trim().replace(/^["']|["']$/g, '');
  if (s.length > 2048) s = s.slice(0, 2048);
  if (/^www\./i.test(s)) s = 'http://' + s;
  const m = /^([a-z][a-z0-9+.-]{0,15}):\/\/([^/?#\\]*)([^#]*)/i.exec(s.replace(/\\/g, '/'));
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  let authority = m[2];
  const at = authority.lastIndexOf('@');
  const userinfo = at !== -1;
  if (userinfo) authority = authority.slice(at + 1);
  const hostPart = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  let host = hostPart;
  try {
    host = decodeURIComponent(hostPart);
  } catch {
    /* keep as written */
  }
  host = asciiHost(host);
  if (!host) return null;
  return { raw: s, scheme, host, path: m[3].slice(0, 512), userinfo };
}

const TEXT_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()\[\]{}]{2,}/gi;

/** URLs written in plain text, at most `max`. */
export function textUrls(text: string, max: number): LinkUrl[] {
  const out: LinkUrl[] = [];
  TEXT_URL.lastIndex = 0;
  for (let m = TEXT_URL.exec(text); m && out.length < max; m = TEXT_URL.exec(text)) {
    const u = parseLink(m[0].replace(/[.,;:!?]+$/, ''));
    if (u) out.push(u);
  }
  return out;
}

const COMMON_TLD = /\.(com|net|org|info|biz|io|co|us|uk|de|fr|nl|ru|cn|jp|eu|me|app|dev|online|site|xyz|top|shop|store|bank|ch|it|es|ca|au)$/;

/**
 * The domain a link's visible text names when that text is itself a URL or host name
 * ("www.paypal.com", "https://bank.example/login"); '' for ordinary words ("click here").
 */
export function domainNamedInText(text: string): string {
  const t = text.trim().replace(/[.,;:!?)\]]+$/, '');
  if (t.length > 300 || /\s/.test(t)) return '';
  const m = /^(?:https?:\/\/)?([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,24})(?:[:/?#]\S*)?$/iu.exec(t);
  if (!m) return '';
  const host = asciiHost(m[1]);
  // "report.pdf" is not a domain: without a scheme or www. ask for a familiar top-level domain.
  if (!host || (!/^(?:https?:\/\/|www\.)/i.test(t) && !COMMON_TLD.test(host) && !host.startsWith('xn--') && !host.includes('.xn--'))) return '';
  return host;
}
