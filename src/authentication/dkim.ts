// DKIM (RFC 6376, RSA and Ed25519 per RFC 8463) through mailauth's verifier, which also collects
// the ARC sets for ./arc.ts. Signatures mailauth silently skips (unsupported algorithm, missing
// d= or s=...) are reported here as permerror with the reason, and so is a signature whose h=
// leaves out From (6.1.1: the verifier MUST ignore it).
import { dkimVerify, type DNSResolver } from './mailauth.js';
import type { DkimOutcome, DkimResultName } from './types.js';
import { parseTagList } from './tag-list.js';
import { headerBlockEnd } from '../delivery/headers.js';

export interface DkimVerification {
  outcomes: DkimOutcome[];
  /** mailauth's verifier result: ./arc.ts reads the ARC chain it collected. */
  raw: Awaited<ReturnType<typeof dkimVerify>>;
}

const RESULTS = new Set<DkimResultName>(['pass', 'fail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);
const MAX_SIGNATURES = 20;

export async function verifyDkim(raw: Buffer, resolver: DNSResolver, now?: number): Promise<DkimVerification> {
  // Each signature costs a key lookup: past MAX_SIGNATURES the rest are not verified at all.
  const { raw: bounded, dropped } = keepFirstSignatures(raw, MAX_SIGNATURES);
  const verified = await dkimVerify(bounded, { resolver, curTime: now === undefined ? undefined : new Date(now) } as Parameters<typeof dkimVerify>[1]);
  const outcomes: DkimOutcome[] = [];
  const byB = new Map<string, (typeof verified.results)[number]>();
  for (const r of verified.results) if ((r as { signature?: string }).signature) byB.set(stripWs((r as { signature?: string }).signature!), r);

  const lines = (verified.headers?.parsed ?? []).filter((h) => h.key === 'dkim-signature');
  for (const h of lines) {
    const list = parseTagList(h.line.toString().replace(/^[^:]*:/, ''), ['v', 'a', 'b', 'bh', 'd', 'h', 's']);
    const tags = list.tags;
    const b = stripWs(tags.get('b') ?? '');
    const base = { domain: (tags.get('d') ?? '').toLowerCase(), selector: tags.get('s') ?? '', algorithm: (tags.get('a') ?? '').toLowerCase(), b: b.slice(0, 8) };
    const problem = list.problem ?? malformed(tags);
    const r = b ? byB.get(b) : undefined;
    if (problem || !r) {
      outcomes.push({ ...base, result: 'permerror', reason: problem ?? 'signature could not be processed' });
      continue;
    }
    let result = r.status.result as DkimResultName;
    if (!RESULTS.has(result)) result = 'permerror';
    let reason = r.status.comment ?? (result === 'pass' ? 'good signature' : result);
    if (result === 'policy') reason = `key too weak (${(r.status.policy as Record<string, string> | undefined)?.['dkim-rules'] ?? 'policy'})`;
    outcomes.push({ ...base, domain: (r.signingDomain || base.domain).toLowerCase(), result, reason });
  }
  if (dropped) outcomes.push({ domain: '', selector: '', algorithm: '', b: '', result: 'permerror', reason: `${dropped} more DKIM signatures not verified (at most ${MAX_SIGNATURES})` });
  if (outcomes.length === 0) outcomes.push({ domain: '', selector: '', algorithm: '', b: '', result: 'none', reason: 'message not signed' });
  return { outcomes, raw: verified };
}

/** RFC 6376 3.5 values and the From rule (6.1.1); null when the signature is well formed enough. */
function malformed(tags: Map<string, string>): string | null {
  if (tags.get('v') !== '1') return `unsupported version v=${tags.get('v')}`;
  const a = tags.get('a')!.toLowerCase();
  if (a === 'rsa-sha1') return 'rsa-sha1 is not accepted (RFC 8301)';
  if (!/^(rsa-sha256|ed25519-sha256)$/.test(a)) return `unsupported algorithm a=${a}`;
  const c = (tags.get('c') ?? 'simple/simple').toLowerCase().split('/');
  if (c.length > 2 || !c.every((x) => x === 'simple' || x === 'relaxed')) return `unsupported canonicalization c=${tags.get('c')}`;
  const signed = tags.get('h')!.toLowerCase().split(':').map((x) => x.trim());
  if (!signed.includes('from')) return 'From header field not signed';
  if (!/^[A-Za-z0-9+/=\s]+$/.test(tags.get('b')!)) return 'b= is not base64';
  return null;
}

const stripWs = (s: string) => s.replace(/\s+/g, '');

/** The message without the DKIM-Signature fields after the first `max` (topmost are newest). */
function keepFirstSignatures(raw: Buffer, max: number): { raw: Buffer; dropped: number } {
  const end = headerBlockEnd(raw);
  const head = raw.subarray(0, end).toString('latin1');
  if ((head.match(/^dkim-signature[ \t]*:/gim) ?? []).length <= max) return { raw, dropped: 0 };
  let seen = 0;
  let dropping = false;
  let dropped = 0;
  const kept = head.split(/(?<=\n)/).filter((line) => {
    if (/^[ \t]/.test(line)) return !dropping;
    dropping = /^dkim-signature[ \t]*:/i.test(line) && ++seen > max;
    if (dropping) dropped++;
    return !dropping;
  });
  return { raw: Buffer.concat([Buffer.from(kept.join(''), 'latin1'), raw.subarray(end)]), dropped };
}
