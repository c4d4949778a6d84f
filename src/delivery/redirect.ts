// Redirected mail: the rules that keep a forward from leaving (spam, loops) and the way one is
// prepared (SRS envelope sender, our loop header, the ARC seal). The redirect stage applies the
// rules; commit calls prepareRedirect once for the copy it queues.
import { activeKey } from '../dkim/outbound.js';
import { arcSeal } from '../dkim/arc-seal.js';
import crypto from 'node:crypto';
import type { Config } from '../config/schema.js';
import { findDomain } from '../store/domains-repo.js';
import { srsFor, srsSecrets } from '../srs/keys.js';
import { note, type DeliveryContext, type DeliveryDeps, type Forward } from './context.js';
import type { SrsRouting } from './router.js';

/**
 * Added to every copy we redirect: `X-Mailcove-Loop: <our host name>; origin=<tag>`. The tag is
 * an HMAC of the redirecting address under the SRS secret: it names no address, and nobody
 * else can make one that stops our redirections.
 */
export const LOOP_HEADER = 'X-Mailcove-Loop';

/** Our SRS addresses live in every hosted domain, the host name and srs.domain. */
export function srsRouting(deps: Pick<DeliveryDeps, 'config' | 'now'>): SrsRouting {
  const domains = new Set([deps.config.hostname.toLowerCase()]);
  if (deps.config.srs.domain) domains.add(deps.config.srs.domain);
  return { srs: srsFor(deps.config, deps.now), domains };
}

export function loopTag(config: Config, origin: string): string {
  return crypto.createHmac('sha256', srsSecrets(config)[0]!).update(`mailcove-loop\0${origin.toLowerCase()}`).digest('hex').slice(0, 16);
}

export interface LoopHeaders {
  /** Loop headers naming our host name. */
  ours: number;
  tags: Set<string>;
}

export function loopHeadersOf(ctx: DeliveryContext, hostname: string): LoopHeaders {
  const found: LoopHeaders = { ours: 0, tags: new Set() };
  for (const h of ctx.parsed?.headers ?? []) {
    if (h.name.toLowerCase() !== LOOP_HEADER.toLowerCase()) continue;
    const m = /^\s*([^\s;]+)\s*(?:;\s*origin=([0-9a-f]+))?/i.exec(h.value);
    if (!m) continue;
    if (m[1]!.toLowerCase() === hostname.toLowerCase()) found.ours++;
    if (m[2]) found.tags.add(m[2].toLowerCase());
  }
  return found;
}

/** RFC 5321 6.3: the hop count is the number of Received fields. */
export function receivedCount(ctx: DeliveryContext): number {
  return (ctx.parsed?.headers ?? []).filter((h) => h.name.toLowerCase() === 'received').length;
}

/**
 * Spam is never redirected to another server (it would be our server sending spam, and the
 * target's provider would learn to distrust us). Message-level verdicts arrive as ctx.spam (the
 * spam stage, DMARC quarantine); a mailbox's own filing into its Spam folder (role junk) stops
 * that mailbox's redirection.
 */
export function isSpamForRedirect(ctx: DeliveryContext, forward?: Pick<Forward, 'localCopy'>): boolean {
  if (ctx.spam?.isSpam) return true;
  // DMARC p=quarantine failed: the domain owner asked for it to be treated as suspicious.
  if (ctx.quarantine) return true;
  return forward?.localCopy?.placement.folderRole === 'junk';
}

export interface PreparedRedirect {
  /** The bytes every forward of this message carries. */
  raw: Buffer;
  /** One queue entry per envelope sender (the SRS domain follows the redirecting address). */
  envelopes: Array<{ sender: string; recipients: string[] }>;
}

/**
 * The copy that leaves for the forwards of ctx: `raw` (trace header already on it) with our loop
 * header on top, and for each forward the SRS-rewritten envelope sender. The null sender stays
 * null (bounces are never bounced), and a sender in a domain hosted here is kept: its SPF
 * already names us.
 */
export async function prepareRedirect(ctx: DeliveryContext, deps: DeliveryDeps, raw: Buffer): Promise<PreparedRedirect> {
  const forwards = ctx.forwards ?? [];
  const senders = new Map<string, string[]>();
  const local = ctx.mailFrom !== '' && !!(await findDomain(deps.store.db, domainOf(ctx.mailFrom)));
  const srs = srsFor(deps.config, deps.now);
  for (const f of forwards) {
    let sender = ctx.mailFrom;
    if (sender !== '' && !local) {
      const r = srs.forward(sender, deps.config.srs.domain ?? domainOf(f.origin));
      if (r.ok) sender = r.address;
      // Rather than a broken address, the original one: the target may then see SPF fail.
      else note(ctx, 'redirect', `${f.target}: sender not rewritten (${r.reason}), forwarded with <${sender}>`);
    }
    senders.set(sender, [...(senders.get(sender) ?? []), f.target]);
  }
  const origins = [...new Set(forwards.map((f) => f.origin))];
  const loop = origins.map((o) => `${LOOP_HEADER}: ${deps.config.hostname}; origin=${loopTag(deps.config, o)}\r\n`).join('');
  const out = await sealForForward(ctx, deps, Buffer.concat([Buffer.from(loop, 'latin1'), raw]), origins);
  return { raw: out, envelopes: [...senders].map(([sender, recipients]) => ({ sender, recipients })) };
}

/**
 * ARC (RFC 8617) over mail from the Internet that we pass on: the seal vouches for what we saw
 * (our Authentication-Results), so the target can trust the original sender's results although
 * our forwarding may break its SPF. It covers our loop and Received headers and is signed with
 * the redirecting domain's RSA key (RFC 8617 defines rsa-sha256 only). Our users' own mail is
 * DKIM-signed by us instead. A seal that cannot be made is noted, and the mail still goes.
 */
async function sealForForward(ctx: DeliveryContext, deps: DeliveryDeps, raw: Buffer, origins: string[]): Promise<Buffer> {
  if (!ctx.auth) return raw;
  const key = await activeKey(deps.store.db, [...origins.map(domainOf), deps.config.hostname], 'rsa');
  if (!key) {
    note(ctx, 'redirect', 'not ARC-sealed: no signing key for the redirecting domain');
    return raw;
  }
  const cv = ctx.auth.arc.result === 'pass' ? 'pass' : ctx.auth.arc.result === 'none' ? 'none' : 'fail';
  try {
    const r = arcSeal(raw, { authservId: deps.config.hostname, cv, signingDomain: key.domain, selector: key.selector, privateKey: key.key, now: deps.now() });
    if (!r.sealed) {
      note(ctx, 'redirect', `not ARC-sealed: ${r.reason}`);
      return raw;
    }
    note(ctx, 'redirect', `ARC-sealed as i=${r.instance} (cv=${r.cv}) by ${key.domain} s=${key.selector}`);
    return Buffer.concat([Buffer.from(r.headers, 'latin1'), raw]);
  } catch (err) {
    deps.log.warn({ err, delivery: ctx.id }, 'ARC sealing failed');
    note(ctx, 'redirect', `not ARC-sealed: ${(err as Error).message}`);
    return raw;
  }
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
