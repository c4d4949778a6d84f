// A DMARC record parser after RFC 7489 section 6.3/6.4: the tags, their values, and the rua/ruf
// report URIs. Pure: no DNS. Problems are graded as receivers treat them: an error where the
// record or the tag is discarded, a warning where it is tolerated but not what was meant.
import { parseAddress } from '../util/address.js';
import { parseTagList } from './tag-list.js';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcUri {
  /** As written, size limit included. */
  text: string;
  /** mailto: address, lower-case domain (set when the URI is usable). */
  address?: string;
  domain?: string;
  /** The "!" size limit (RFC 7489 6.2), e.g. "10m". */
  maxSize?: string;
  /** Why the URI cannot be used. */
  error?: string;
}

export interface DmarcProblem {
  status: 'error' | 'warning';
  code: string;
  message: string;
}

export interface DmarcRecord {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  /** DMARCbis "np" (policy for non-existent subdomains); RFC 7489 receivers ignore it. */
  np?: DmarcPolicy;
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  pct: number;
  fo: string[];
  rf: string[];
  ri: number;
  rua: DmarcUri[];
  ruf: DmarcUri[];
}

export interface DmarcParse {
  /** null when the record is not a DMARC record at all (does not start with v=DMARC1). */
  record: DmarcRecord | null;
  problems: DmarcProblem[];
}

/** Loose: what a person meant as a DMARC record, to count duplicates and catch a miswritten version. */
export const looksLikeDmarc = (txt: string): boolean => /^\s*v\s*=\s*dmarc1\s*(;|$)/i.test(txt);

const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);
const KNOWN = new Set(['v', 'p', 'sp', 'np', 'rua', 'ruf', 'adkim', 'aspf', 'pct', 'fo', 'rf', 'ri']);

/** One entry of rua=/ruf= (RFC 7489 6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]). */
export function parseDmarcUri(text: string): DmarcUri {
  const out: DmarcUri = { text };
  const bang = text.lastIndexOf('!');
  let uri = text;
  if (bang >= 0) {
    const size = text.slice(bang + 1);
    if (!/^\d+[kmgt]?$/i.test(size)) return { ...out, error: `"${text}": the size limit after "!" must be a number with an optional k, m, g or t` };
    out.maxSize = size.toLowerCase();
    uri = text.slice(0, bang);
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri);
  if (!scheme) return { ...out, error: `"${text}" is not a URI; write mailto:address@example.com` };
  if (scheme[1]!.toLowerCase() !== 'mailto') {
    return { ...out, error: `"${text}" is not a mailto: URI; receivers send DMARC reports by mail only` };
  }
  // mailto:addr[?headers] (RFC 6068); percent-encoding (a "," must be written %2C) is decoded first.
  let addr = uri.slice(scheme[0].length).split('?')[0]!;
  try {
    addr = decodeURIComponent(addr);
  } catch {
    return { ...out, error: `"${text}" has a broken %-escape` };
  }
  const parsed = parseAddress(addr);
  if (!parsed || addr.includes(',')) return { ...out, error: `"${text}": "${addr}" is not a valid mail address` };
  return { ...out, address: parsed.address, domain: parsed.domain };
}

export function parseDmarc(text: string): DmarcParse {
  const problems: DmarcProblem[] = [];
  const err = (code: string, message: string) => problems.push({ status: 'error', code, message });
  const warn = (code: string, message: string) => problems.push({ status: 'warning', code, message });

  const list = parseTagList(text);
  const first = list.tags[0];
  // RFC 7489 6.4: the record starts with v=DMARC1 (the version is case-sensitive); other TXT records are discarded.
  if (!first || first.name.toLowerCase() !== 'v' || !/^dmarc1$/i.test(first.value)) {
    err('dmarc-syntax', `the record does not start with "v=DMARC1", so receivers discard it: "${text}"`);
    return { record: null, problems };
  }
  if (first.value !== 'DMARC1') {
    err('dmarc-syntax', `"v=${first.value}" must be written "v=DMARC1" exactly (RFC 7489 6.4); receivers may discard the record`);
  }
  for (const e of list.errors) err(e.includes('more than once') ? 'dmarc-duplicate-tag' : 'dmarc-syntax', `${e}: receivers may discard the whole record`);
  for (const w of list.warnings) warn('dmarc-syntax', w);

  const tag = (name: string) => list.byName.get(name)?.value;
  const record: DmarcRecord = { adkim: 'r', aspf: 'r', pct: 100, fo: ['0'], rf: ['afrf'], ri: 86400, rua: [], ruf: [] };

  const policy = (name: 'p' | 'sp' | 'np'): DmarcPolicy | undefined => {
    const v = tag(name);
    if (v === undefined) return undefined;
    if (POLICIES.has(v.toLowerCase())) return v.toLowerCase() as DmarcPolicy;
    err(`dmarc-invalid-${name}`, `${name}=${v || '(empty)'} is not a valid policy (none, quarantine or reject)${name === 'p' ? ': receivers apply no DMARC policy at all' : ''}`);
    return undefined;
  };
  record.p = policy('p');
  record.sp = policy('sp');
  record.np = policy('np');
  if (tag('p') === undefined) err('dmarc-missing-p', 'the required tag p= is missing: receivers apply no DMARC policy at all');
  else if (list.tags[1]?.name.toLowerCase() !== 'p') warn('dmarc-p-position', 'p= should come right after v=DMARC1 (RFC 7489 6.4); strict receivers reject the record otherwise');

  for (const name of ['adkim', 'aspf'] as const) {
    const v = tag(name);
    if (v === undefined) continue;
    if (/^[rs]$/i.test(v)) record[name] = v.toLowerCase() as 'r' | 's';
    else err('dmarc-invalid-value', `${name}=${v || '(empty)'} must be r (relaxed) or s (strict)`);
  }
  const pct = tag('pct');
  if (pct !== undefined) {
    if (/^\d{1,3}$/.test(pct) && Number(pct) <= 100) record.pct = Number(pct);
    else err('dmarc-pct-range', `pct=${pct || '(empty)'} must be a whole number from 0 to 100`);
  }
  const fo = tag('fo');
  if (fo !== undefined) {
    const opts = fo.split(':').map((s) => s.trim());
    if (opts.every((o) => /^[01ds]$/i.test(o))) record.fo = opts.map((o) => o.toLowerCase());
    else err('dmarc-invalid-value', `fo=${fo || '(empty)'} must be a ":"-separated list of 0, 1, d and s`);
  }
  const rf = tag('rf');
  if (rf !== undefined) {
    const fmts = rf.split(':').map((s) => s.trim().toLowerCase());
    if (fmts.every((f) => f === 'afrf')) record.rf = fmts;
    else err('dmarc-invalid-value', `rf=${rf || '(empty)'}: the only report format is afrf`);
  }
  const ri = tag('ri');
  if (ri !== undefined) {
    if (/^\d{1,10}$/.test(ri) && Number(ri) <= 0xffffffff) record.ri = Number(ri);
    else err('dmarc-invalid-value', `ri=${ri || '(empty)'} must be a number of seconds`);
  }
  for (const name of ['rua', 'ruf'] as const) {
    const v = tag(name);
    if (v === undefined) continue;
    if (!v) {
      err('dmarc-bad-uri', `${name}= is empty`);
      continue;
    }
    record[name] = v.split(',').map((s) => parseDmarcUri(s.trim()));
    for (const u of record[name]) if (u.error) err('dmarc-bad-uri', `${name}: ${u.error}`);
  }
  for (const t of list.tags) {
    if (!KNOWN.has(t.name.toLowerCase())) warn('dmarc-unknown-tag', `the tag "${t.name}" is not a DMARC tag; receivers ignore it`);
  }
  return { record, problems };
}

/** A record from parts, tags in the order RFC 7489 6.4 lists them; the defaults are left out. */
export function renderDmarc(r: { p: DmarcPolicy; sp?: DmarcPolicy; rua: string[]; ruf?: string[]; adkim?: string; aspf?: string; pct?: number; fo?: string[]; ri?: number }): string {
  const parts = ['v=DMARC1', `p=${r.p}`];
  if (r.sp) parts.push(`sp=${r.sp}`);
  if (r.rua.length) parts.push(`rua=${r.rua.join(',')}`);
  if (r.ruf?.length) parts.push(`ruf=${r.ruf.join(',')}`);
  if (r.adkim && r.adkim !== 'r') parts.push(`adkim=${r.adkim}`);
  if (r.aspf && r.aspf !== 'r') parts.push(`aspf=${r.aspf}`);
  if (r.pct !== undefined && r.pct !== 100) parts.push(`pct=${r.pct}`);
  if (r.fo && r.fo.join(':') !== '0') parts.push(`fo=${r.fo.join(':')}`);
  if (r.ri !== undefined && r.ri !== 86400) parts.push(`ri=${r.ri}`);
  return parts.join('; ');
}
