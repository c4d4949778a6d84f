// SPF of the domain (RFC 7208): one record, well-formed, at most 10 DNS-querying terms counted
// through includes and redirects, no loops, a closing "all" that protects, and this server allowed.
//
// Our own parser (spf-record.ts) finds what is wrong and where. Whether this server's addresses
// would pass is asked of mailauth's SPF evaluation, the full check_host() that receivers run, so
// macros, exists and ptr are judged exactly rather than guessed.
//
// Every finding carries the same corrected record: the published one with each fixable problem
// fixed at once (our server added, ptr and broken includes dropped, a protecting "-all"), so the
// administrator publishes one record, not one per finding.
import { spf as evaluateSpf } from '../authentication/mailauth.js';
import { ask, askTxt } from './lookup.js';
import { isSpfRecord, LOOKUP_MECHANISMS, parseSpf, renderSpf, type SpfRecord } from './spf-record.js';
import { namesServer, ourTerms, salvage, suggest } from './spf-fix.js';
import { bare, walkSpf, WALK_CAP, type Problem } from './spf-walk.js';
import { finding, type CheckContext, type Finding } from './types.js';
import { txtRecord } from './zone.js';

export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LIMIT = 2;

export async function checkSpf(ctx: CheckContext): Promise<Finding[]> {
  const { domain } = ctx;
  const txt = await askTxt(ctx.resolver, domain);
  const base = ourTerms(ctx, ctx.server.addresses, false);
  const fresh = () => txtRecord(domain, suggest([], { remove: new Set(), add: base, replace: new Map() }));
  if (txt.kind === 'failed') {
    return [finding('spf', 'error', 'spf-dns', `${txt.reason}; the SPF record cannot be checked`, { fix: 'Check that the domain\'s DNS servers answer; receivers get the same failure and may defer or refuse your mail.' })];
  }
  const records = txt.kind === 'ok' ? txt.value.filter(isSpfRecord) : [];
  if (records.length === 0) {
    return [
      finding('spf', 'error', 'spf-missing', `${domain} publishes no SPF record: receivers cannot tell which servers may send its mail`, {
        fix: 'Publish one TXT record naming the servers that send mail for the domain, ending in -all.',
        record: fresh(),
      }),
    ];
  }
  if (records.length > 1) {
    // RFC 7208 4.5: more than one record is a permerror; merge them into one.
    const merged = suggest(records.flatMap(salvage), { remove: new Set(), add: base, replace: new Map() });
    return [
      finding('spf', 'error', 'spf-multiple', `${domain} publishes ${records.length} SPF records; receivers answer permerror (RFC 7208 4.5): ${records.map((r) => `"${r}"`).join(', ')}`, {
        fix: 'Merge them into a single TXT record and delete the others.',
        record: txtRecord(domain, merged),
      }),
    ];
  }
  const text = records[0]!;
  const parsed = parseSpf(text);
  if (!parsed.ok) {
    const fixed = suggest(salvage(text), { remove: new Set(), add: base, replace: new Map() });
    return [
      finding('spf', 'error', 'spf-syntax', `the SPF record "${text}" is malformed: ${parsed.error}; receivers answer permerror`, {
        fix: 'Replace it with this corrected record (the terms that were valid are kept).',
        record: txtRecord(domain, fixed),
      }),
    ];
  }
  return checkParsed(ctx, text, parsed.record);
}

async function checkParsed(ctx: CheckContext, text: string, record: SpfRecord): Promise<Finding[]> {
  const { domain } = ctx;
  const walk = await walkSpf(ctx, domain, record);
  const problems: Problem[] = [...walk.problems];
  const replace = new Map<string, string[]>();

  const all = record.directives.find((d) => d.mechanism === 'all');
  if (all?.qualifier === '+') {
    problems.push({ status: 'error', code: 'spf-pass-all', message: `"${all.text}" allows every server on the Internet to send as ${domain}` });
  } else if (all?.qualifier === '?') {
    problems.push({ status: 'warning', code: 'spf-neutral-all', message: `"${all.text}" gives other servers a neutral result: SPF then protects nothing` });
  } else if (!all && !record.redirect) {
    problems.push({ status: 'warning', code: 'spf-no-all', message: 'the record does not end in "-all" or "~all": servers it does not list get a neutral result, so SPF protects nothing' });
  }
  if (all && record.redirect) {
    problems.push({ status: 'warning', code: 'spf-redirect-ignored', message: `"redirect=${record.redirect}" is ignored because the record has "${all.text}" (RFC 7208 6.1)` });
  }
  for (const d of record.directives) {
    if (d.mechanism === 'ptr') {
      problems.push({ status: 'warning', code: 'spf-ptr', message: `"${d.text}" is deprecated (RFC 7208 5.5): it is slow, unreliable, and some receivers ignore it`, removes: d.text });
    }
  }
  for (const t of record.terms) {
    if (t.kind === 'modifier' && LOOKUP_MECHANISMS.has(t.name as never)) {
      problems.push({ status: 'warning', code: 'spf-unknown-modifier', message: `"${t.text}" is read as an unknown modifier and ignored; "${t.name}:" with a colon was probably meant`, removes: t.text });
    }
  }
  if (walk.voids > SPF_VOID_LIMIT) {
    problems.push({ status: 'error', code: 'spf-void-lookups', message: `${walk.voids} of the record's lookups find nothing (the limit is ${SPF_VOID_LIMIT}, RFC 7208 4.6.4): receivers answer permerror` });
  }

  // This server: does each of our addresses pass, as a receiver would evaluate it? A pass that
  // comes only from "+all", or a permerror, says nothing: then the record's own terms must name us,
  // or the corrected record (with "-all", without the broken include) would refuse our mail.
  const failing: Array<{ ip: string; result: string }> = [];
  const unnamed: string[] = [];
  const passAll = problems.some((p) => p.code === 'spf-pass-all');
  if (ctx.server.addresses.length === 0) {
    problems.push({
      status: 'warning',
      code: 'spf-server-unknown',
      message: `cannot tell which addresses this server sends from: ${ctx.server.hostname} has no address${ctx.server.hostnameError ? ` (${ctx.server.hostnameError})` : ''} and server.publicAddresses is empty`,
    });
  } else {
    for (const ip of ctx.server.addresses) {
      const r = await evaluateSpf({ sender: `postmaster@${domain}`, ip, helo: ctx.server.hostname, mta: ctx.server.hostname, resolver: ctx.resolver.forMailauth() });
      const result = r.status.result;
      if (result === 'pass' && !passAll) continue;
      if (result === 'temperror' || result === 'temperr') {
        problems.push({ status: 'warning', code: 'spf-server-unknown', message: `could not tell whether this server (${ip}) passes: DNS failed during the evaluation` });
      } else if (result === 'pass' || result === 'permerror') {
        if (!(await namesServer(ctx, record, ip))) unnamed.push(ip);
      } else {
        failing.push({ ip, result });
      }
    }
  }
  const missing = [...failing.map((f) => f.ip), ...unnamed];
  const tooMany = walk.lookups > SPF_LOOKUP_LIMIT;
  // Our own names cost lookups that addresses do not: flatten them first when over the limit.
  if (tooMany && ctx.server.addresses.length) {
    const mx = await ask('MX', domain, () => ctx.resolver.mx(domain));
    const mxIsUs = mx.kind === 'ok' && mx.value.every((m) => bare(m.exchange) === bare(ctx.server.hostname));
    const ours = ourTerms(ctx, ctx.server.addresses, true);
    for (const d of record.directives) {
      const names = (d.mechanism === 'a' && d.domainSpec && bare(d.domainSpec) === bare(ctx.server.hostname)) || (d.mechanism === 'mx' && !d.domainSpec && d.cidr4 === undefined && d.cidr6 === undefined && mxIsUs);
      if (names) replace.set(d.text, ours);
    }
  }
  const remove = new Set(problems.flatMap((p) => (p.removes ? [p.removes] : [])));
  const add = missing.length ? ourTerms(ctx, missing, tooMany) : [];
  const suggested = suggest(record.terms, { remove, add, replace });
  const suggestedCost = (() => {
    let n = 0;
    for (const t of record.terms) {
      if (remove.has(t.text) || replace.has(t.text) || (t.kind === 'directive' && t.mechanism === 'ptr')) continue;
      n += walk.costs.get(t) ?? 0;
    }
    return n + add.filter((a) => a.startsWith('a:')).length;
  })();

  if (tooMany) {
    const heavy = [...walk.costs.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t.text} (${n})`).join(', ');
    problems.push({
      status: 'error',
      code: 'spf-too-many-lookups',
      message: `the record needs ${walk.capped ? `more than ${WALK_CAP}` : walk.lookups} DNS lookups, counting its includes and redirects; receivers stop at ${SPF_LOOKUP_LIMIT} and answer permerror (RFC 7208 4.6.4). Lookups per term: ${heavy}`,
    });
  }
  if (failing.length) {
    const same = failing.every((f) => f.result === failing[0]!.result);
    const list = same ? failing.map((f) => f.ip).join(', ') : failing.map((f) => `${f.ip}: ${f.result}`).join(', ');
    problems.push({
      status: 'error',
      code: 'spf-server-missing',
      message: `the SPF record does not allow this server (${list}): receivers get ${same ? `"${failing[0]!.result}"` : 'those results'} for the mail Mailcove sends for ${domain}`,
    });
  }
  if (unnamed.length) {
    problems.push({
      status: 'error',
      code: 'spf-server-missing',
      message: `the SPF record does not name this server (${unnamed.join(', ')}): ${passAll ? 'it passes only through "+all"' : 'receivers cannot evaluate the record now'}, and once that is fixed the mail Mailcove sends for ${domain} fails SPF`,
    });
  }

  if (problems.length === 0) {
    return [
      finding('spf', 'ok', 'spf-ok', `"${text}": ${walk.lookups} of ${SPF_LOOKUP_LIMIT} DNS lookups; this server (${ctx.server.addresses.join(', ')}) passes; other servers get "${all?.text ?? `the result of redirect=${record.redirect}`}"`),
    ];
  }
  const fixedRecord = suggested !== renderSpf(record.terms) && (!tooMany || suggestedCost <= SPF_LOOKUP_LIMIT) ? txtRecord(domain, suggested) : undefined;
  return problems.map((p) =>
    finding('spf', p.status, p.code, p.message, {
      fix: fixFor(p.code, domain, !!fixedRecord),
      record: fixedRecord,
    }),
  );
}

function fixFor(code: string, domain: string, haveRecord: boolean): string {
  const publish = haveRecord ? ' Publish the record below in place of the current one (it fixes every SPF finding at once).' : '';
  switch (code) {
    case 'spf-too-many-lookups':
      return `Remove includes you no longer use, or replace them by the ip4:/ip6: ranges of those senders (they cost no lookup).${publish}`;
    case 'spf-server-missing':
      return `Add this server to the record of ${domain}.${publish}`;
    case 'spf-loop':
    case 'spf-include-missing':
    case 'spf-include-invalid':
    case 'spf-mx-too-many':
      return `Remove or correct the include; if it is a provider's, ask them to fix their record.${publish}`;
    case 'spf-include-dns':
    case 'spf-server-unknown':
      return 'Check again later; if it persists, the DNS servers of that domain are failing.' + (code === 'spf-server-unknown' ? ' Set server.publicAddresses in the configuration to the addresses this server sends from.' : '');
    case 'spf-void-lookups':
      return `Remove the terms that name domains without records.${publish}`;
    default:
      return publish.trim() || 'Correct the record.';
  }
}
