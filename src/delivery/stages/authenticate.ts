// Stage 3, authenticate (mail from the Internet only): SPF, DKIM, DMARC and ARC, recorded in the
// context for the later stages and in the trace, written as one Authentication-Results field
// (forged ones claiming our authserv-id removed), and the DMARC policy applied: reject → 550,
// quarantine → Spam (the decide stage reads ctx.quarantine), a deciding DNS error → 451.
// Our own users' mail (submission, local) is authenticated by their login instead.
import { authenticate, removeOwnResults, type AuthResults } from '../../authentication/index.js';
import { SmtpReplyError } from '../../util/errors.js';
import { recordDmarcResult } from '../../reports/record.js';
import { note, type DeliveryContext, type DeliveryDeps } from '../context.js';

export async function authenticateStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const hostname = deps.config.hostname;
  if (ctx.source !== 'mx' || !deps.authResolver || !ctx.client.ip) {
    // A user could otherwise hand another user a "pass" in our name (RFC 8601 5).
    dropForged(ctx, hostname);
    const why = ctx.source !== 'mx' ? `${ctx.source} mail is not checked (the sender logged in or it is our own)` : deps.authResolver ? 'no client IP' : 'no DNS resolver';
    return note(ctx, 'auth', `skipped: ${why}`);
  }
  let r: AuthResults;
  const limitSec = deps.config.auth.checkTimeoutSec;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A message whose signatures point at zones that answer slowly must not hold the connection
    // for minutes: past the limit it is refused for now, and the sender retries.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SmtpReplyError(451, '4.7.0', `Authentication checks took over ${limitSec} s (slow DNS); try again later`)), limitSec * 1000);
    });
    r = await Promise.race([
      authenticate(
        { raw: ctx.raw, ip: ctx.client.ip, helo: ctx.client.helo, mailFrom: ctx.mailFrom, fromAddresses: ctx.parsed?.fromAddresses ?? [] },
        { authservId: hostname, resolver: deps.authResolver, trustedArcSealers: deps.config.auth.trustedArcSealers, random: deps.random, now: deps.now() },
      ),
      deadline,
    ]);
  } catch (err) {
    if (err instanceof SmtpReplyError) {
      note(ctx, 'auth', err.message);
      throw err;
    }
    // A bug in the checks must not cost the message: it is delivered unauthenticated, and says so.
    deps.log.error({ err, delivery: ctx.id }, 'authentication failed');
    return note(ctx, 'auth', `checks failed (${(err as Error).message}); delivered without authentication results`);
  } finally {
    clearTimeout(timer);
  }
  ctx.auth = r;
  const spfNote = (s: AuthResults['spf']) => `SPF ${s.identity === 'helo' ? 'HELO' : 'MAIL FROM'} ${s.value || '(none)'}: ${s.result} (${s.reason})`;
  note(ctx, 'auth', spfNote(r.spf));
  if (r.helo) note(ctx, 'auth', spfNote(r.helo));
  for (const d of r.dkim) note(ctx, 'auth', d.domain ? `DKIM d=${d.domain} s=${d.selector} ${d.algorithm}: ${d.result} (${d.reason})` : `DKIM: ${d.result} (${d.reason})`);
  note(ctx, 'auth', `ARC: ${r.arc.result} (${r.arc.reason})${r.arc.trustedVouch ? `, trusted sealer ${r.arc.sealer} vouches` : ''}`);
  note(ctx, 'auth', `DMARC ${r.dmarc.fromDomain || '(no From domain)'}: ${r.dmarc.result} (${r.dmarc.reason})`);
  note(ctx, 'auth', `verdict: ${r.verdict.action}: ${r.verdict.reason}`);

  // Counted for our daily DMARC aggregate reports (a 451 is counted when the sender retries).
  if (r.verdict.action !== 'tempfail') await recordForReports(ctx, deps, r);

  switch (r.verdict.action) {
    case 'reject':
    case 'tempfail':
      throw new SmtpReplyError(r.verdict.code, r.verdict.enhanced, r.verdict.reason);
    case 'quarantine':
      ctx.quarantine = r.verdict.reason;
      break;
    case 'accept':
      break;
  }
  dropForged(ctx, hostname);
  ctx.raw = Buffer.concat([Buffer.from(r.header), ctx.raw]);
}

function dropForged(ctx: DeliveryContext, hostname: string): void {
  const { raw, removed } = removeOwnResults(ctx.raw, hostname);
  if (!removed) return;
  ctx.raw = raw;
  note(ctx, 'auth', `removed ${removed} incoming Authentication-Results claiming to be ours (${hostname})`);
}

async function recordForReports(ctx: DeliveryContext, deps: DeliveryDeps, r: AuthResults): Promise<void> {
  const override =
    r.dmarc.result !== 'fail'
      ? null
      : r.dmarc.appliedPolicy !== r.dmarc.policy
        ? { reason: 'sampled_out' as const, comment: `pct=${r.dmarc.pct}` }
        : r.arc.trustedVouch
          ? { reason: 'trusted_forwarder' as const, comment: `arc=pass, sealed by ${r.arc.sealer}` }
          : null;
  await recordDmarcResult(deps.store.db, {
    at: ctx.receivedAt,
    sourceIp: ctx.client.ip!,
    headerFrom: r.dmarc.fromDomain,
    envelopeFrom: r.spf.identity === 'mailfrom' ? r.spf.domain : null,
    result: r.dmarc.result,
    policy: r.dmarc.policy,
    disposition: r.verdict.action === 'reject' ? 'reject' : r.verdict.action === 'quarantine' ? 'quarantine' : 'none',
    override,
    dkimAligned: r.dmarc.dkimAligned,
    spfAligned: r.dmarc.spfAligned,
    dkim: r.dkim.filter((d) => d.domain).map((d) => ({ domain: d.domain!, selector: d.selector, result: d.result })),
    spf: { domain: r.spf.domain, scope: r.spf.identity === 'helo' ? 'helo' : 'mfrom', result: r.spf.result },
  }).catch((err: unknown) => deps.log.warn({ err, delivery: ctx.id }, 'recording the DMARC result failed'));
}
