// ARC sealing (RFC 8617 5.1): adds the set i=n+1 — ARC-Authentication-Results (our results),
// ARC-Message-Signature (a DKIM-like signature of the message as we pass it on) and ARC-Seal (a
// signature over every ARC set) — to a message we forward. Pure: the caller gives the chain's
// validation result from the inbound check, its key and the time.
//
// Tags are written in alphabetical order, as the ARC test suite's reference output is.
import type { KeyObject } from 'node:crypto';
import { bodyHash, relaxedField, selectFields, splitMessage, type RawField } from './canon.js';
import { signedHeader, type Tag } from './signature.js';
import { SIGNED_FIELDS } from './sign.js';

export type ChainStatus = 'none' | 'pass' | 'fail';

/** RFC 8617 4.2.1: instances run from 1 to 50. */
export const MAX_ARC_INSTANCE = 50;

/** What the AMS covers by default: our DKIM fields and the DKIM signatures the message carries. */
export const ARC_SIGNED_FIELDS = [...SIGNED_FIELDS, 'dkim-signature'];

const ARC_KEYS = ['arc-authentication-results', 'arc-message-signature', 'arc-seal'] as const;
type ArcKey = (typeof ARC_KEYS)[number];

export interface ArcSealOptions {
  /** Our authserv-id (RFC 8601): picks our Authentication-Results out of the message unless `authResults` is given. */
  authservId: string;
  /** Our Authentication-Results value ("mx.example.com; spf=pass …"), without the field name. */
  authResults?: string;
  /** How the chain the message arrived with validated; ignored (none) when it has no chain. */
  cv: ChainStatus;
  signingDomain: string;
  selector: string;
  /** An RSA key: RFC 8617 defines rsa-sha256 only. */
  privateKey: KeyObject;
  /** Milliseconds; becomes t=. */
  now: number;
  /** Fields the ARC-Message-Signature covers (each instance present). */
  headerList?: string[];
  /** Fold b= values (default); off gives the single-line form some reference outputs use. */
  foldB?: boolean;
}

export type ArcSealResult =
  | { sealed: true; instance: number; cv: ChainStatus; /** Three fields, each ending in CRLF, to put in front of the message. */ headers: string }
  | { sealed: false; reason: string };

/** i= of an ARC field: a tag of AMS and AS, the leading "i=N;" of AAR. */
function instanceOf(f: RawField): number | null {
  const value = f.raw.slice(f.raw.indexOf(':') + 1).replace(/[\r\n]/g, '');
  const m = f.key === 'arc-authentication-results' ? /^[ \t]*i[ \t]*=[ \t]*(\d+)[ \t]*;/.exec(value) : /(?:^|;)[ \t]*i[ \t]*=[ \t]*(\d+)[ \t]*(?:;|$)/.exec(value);
  return m ? Number(m[1]) : null;
}

function tagOf(f: RawField, tag: string): string | null {
  const value = f.raw.slice(f.raw.indexOf(':') + 1).replace(/[\r\n]/g, '');
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).replace(/[ \t]/g, '').toLowerCase() === tag) return part.slice(eq + 1).replace(/[ \t]/g, '');
  }
  return null;
}

interface Chain {
  sets: Array<Record<ArcKey, RawField>>;
  /** Highest instance seen (0: no chain). */
  last: number;
  /** Instances missing, repeated or unnumbered: the chain cannot pass whatever the caller says. */
  broken: boolean;
}

function readChain(fields: RawField[]): Chain {
  const byInstance = new Map<number, Partial<Record<ArcKey, RawField>>>();
  let broken = false;
  for (const f of fields) {
    if (!(ARC_KEYS as readonly string[]).includes(f.key)) continue;
    const i = instanceOf(f);
    if (i === null || i < 1) {
      broken = true;
      continue;
    }
    const set = byInstance.get(i) ?? {};
    if (set[f.key as ArcKey]) broken = true;
    set[f.key as ArcKey] = f;
    byInstance.set(i, set);
  }
  const last = Math.max(0, ...byInstance.keys());
  const sets: Chain['sets'] = [];
  for (let i = 1; i <= last; i++) {
    const set = byInstance.get(i);
    if (!set || ARC_KEYS.some((k) => !set[k])) broken = true;
    else sets.push(set as Record<ArcKey, RawField>);
  }
  return { sets, last, broken };
}

const stripWsp = (s: string) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/**
 * Our results from the message's Authentication-Results fields that carry `authservId`, merged
 * into one value when there are several (RFC 8601 allows splitting results across fields).
 */
export function ownAuthResults(fields: RawField[], authservId: string): string | null {
  const id = authservId.toLowerCase();
  const mine: string[] = [];
  for (const f of fields) {
    if (f.key !== 'authentication-results') continue;
    const value = stripWsp(f.raw.slice(f.raw.indexOf(':') + 1));
    const m = /^([^; \t\r\n]+)(?:[ \t\r\n]+\d+)?[ \t\r\n]*(?:;|$)/.exec(value);
    if (m && m[1]!.toLowerCase() === id) mine.push(value);
  }
  if (mine.length <= 1) return mine[0] ?? null;
  const results = mine.map((v) => stripWsp(v.slice(v.indexOf(';') + 1)).replace(/;$/, '')).filter((r) => r !== '' && r.toLowerCase() !== 'none');
  return results.length ? `${authservId}; ${results.join(';\r\n\t')}` : `${authservId}; none`;
}

export function arcSeal(message: Buffer, o: ArcSealOptions): ArcSealResult {
  const { fields, body } = splitMessage(message);
  const chain = readChain(fields);
  if (chain.last >= MAX_ARC_INSTANCE) return { sealed: false, reason: `the chain already has ${chain.last} sets (RFC 8617 allows ${MAX_ARC_INSTANCE})` };
  const lastSeal = chain.sets[chain.last - 1]?.['arc-seal'];
  // RFC 8617 5.1.1: a chain whose last seal says cv=fail is dead; nothing may be added.
  if (lastSeal && tagOf(lastSeal, 'cv')?.toLowerCase() === 'fail') return { sealed: false, reason: `the chain failed already (i=${chain.last} has cv=fail)` };

  const cv: ChainStatus = chain.last === 0 ? 'none' : o.cv === 'pass' && !chain.broken ? 'pass' : 'fail';
  const instance = chain.last + 1;
  const results = o.authResults !== undefined ? stripWsp(o.authResults.replace(/^[ \t]*authentication-results[ \t]*:/i, '')) : ownAuthResults(fields, o.authservId);
  if (!results) throw new Error(`arcSeal: the message has no Authentication-Results of ${o.authservId}, and none were given`);
  const aar = `ARC-Authentication-Results: i=${instance}; ${results}`;
  const t = String(Math.floor(o.now / 1000));

  const names = (o.headerList ?? ARC_SIGNED_FIELDS).map((n) => n.toLowerCase()).filter((n) => !(ARC_KEYS as readonly string[]).includes(n));
  const present = new Map<string, number>();
  for (const f of fields) present.set(f.key, (present.get(f.key) ?? 0) + 1);
  const h = [...new Set(names)].flatMap((n) => Array<string>(present.get(n) ?? 0).fill(n));
  const covered = selectFields(fields, h).map((f) => `${relaxedField(f.raw)}\r\n`).join('');
  const ams = signedHeader(
    'ARC-Message-Signature',
    [['a', 'rsa-sha256'], ['b', ''], ['bh', bodyHash(body)], ['c', 'relaxed/relaxed'], ['d', o.signingDomain], ['h', h.join(':')], ['i', String(instance)], ['s', o.selector], ['t', t]],
    covered,
    'rsa',
    o.privateKey,
    o.foldB,
  );

  // RFC 8617 5.1.1: the seal covers every set in instance order, ours last; after a failed
  // validation, only ours (the broken sets cannot be vouched for).
  let sealed = '';
  if (cv === 'pass') {
    for (const set of chain.sets) for (const k of ARC_KEYS) sealed += `${relaxedField(set[k].raw)}\r\n`;
  }
  sealed += `${relaxedField(aar)}\r\n${relaxedField(ams)}\r\n`;
  const sealTags: Tag[] = [['a', 'rsa-sha256'], ['b', ''], ['cv', cv], ['d', o.signingDomain], ['i', String(instance)], ['s', o.selector], ['t', t]];
  const as = signedHeader('ARC-Seal', sealTags, sealed, 'rsa', o.privateKey, o.foldB);
  return { sealed: true, instance, cv, headers: `${as}\r\n${ams}\r\n${aar}\r\n` };
}
