// Following an SPF record through its includes and redirects (RFC 7208 4.6.4): how many DNS
// lookups a receiver may need, and includes that loop, lead nowhere or are broken (each a
// permerror at receivers). Stops soon after the limit, so a lookup bomb costs us few queries.
import { ask, askAddresses, askTxt } from './lookup.js';
import { hasMacro, isSpfRecord, LOOKUP_MECHANISMS, parseSpf, type SpfDirective, type SpfRecord, type SpfTerm } from './spf-record.js';
import type { CheckContext } from './types.js';

/** Stop following includes well past the limit: a lookup bomb must not make us send thousands of queries. */
export const WALK_CAP = 40;

type Fetched =
  | { kind: 'ok'; record: SpfRecord; text: string }
  | { kind: 'none' }
  | { kind: 'multiple'; count: number }
  | { kind: 'invalid'; error: string }
  | { kind: 'failed'; reason: string };

export interface Problem {
  status: 'error' | 'warning';
  code: string;
  message: string;
  /** A term of the top-level record whose removal fixes this problem. */
  removes?: string;
}

export interface SpfWalk {
  /** DNS-querying terms in the whole tree (what a server that matches nothing costs a receiver). */
  lookups: number;
  voids: number;
  /** Lookups owed to each term of the top-level record (its own and everything below it). */
  costs: Map<SpfTerm, number>;
  problems: Problem[];
  /** The walk stopped at WALK_CAP. */
  capped: boolean;
}

export const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

async function fetchSpf(ctx: CheckContext, domain: string): Promise<Fetched> {
  const txt = await askTxt(ctx.resolver, domain);
  if (txt.kind === 'failed') return { kind: 'failed', reason: txt.reason };
  const records = txt.kind === 'ok' ? txt.value.filter(isSpfRecord) : [];
  if (records.length === 0) return { kind: 'none' };
  if (records.length > 1) return { kind: 'multiple', count: records.length };
  const parsed = parseSpf(records[0]!);
  return parsed.ok ? { kind: 'ok', record: parsed.record, text: records[0]! } : { kind: 'invalid', error: parsed.error };
}

/**
 * Counts the DNS lookups of a record and everything it includes or redirects to (RFC 7208 4.6.4),
 * and finds includes that loop, lead nowhere or are broken: receivers answer permerror for each.
 */
export async function walkSpf(ctx: CheckContext, domain: string, record: SpfRecord): Promise<SpfWalk> {
  const state: SpfWalk = { lookups: 0, voids: 0, costs: new Map(), problems: [], capped: false };
  const cache = new Map<string, Promise<Fetched>>();
  const fetchOnce = (d: string) => {
    let p = cache.get(d);
    if (!p) cache.set(d, (p = fetchSpf(ctx, d)));
    return p;
  };

  /** `top`: the term of the top-level record this include or redirect hangs from; removing it removes the problem. */
  async function follow(target: string, via: 'include' | 'redirect', path: string[], top: SpfTerm): Promise<void> {
    const t = bare(target);
    const removes = top.text;
    const nested = path.length > 1;
    if (path.includes(t)) {
      state.problems.push({ status: 'error', code: 'spf-loop', message: `SPF ${via} loop: ${[...path, t].join(' → ')}; receivers run out of lookups and answer permerror`, removes });
      return;
    }
    const f = await fetchOnce(t);
    const where = `${via === 'include' ? 'include:' : 'redirect='}${t}${nested ? ` (reached through ${path.slice(1).join(' → ')})` : ''}`;
    switch (f.kind) {
      case 'none':
        state.voids++;
        // RFC 7208 5.2 and 6.1: an include or redirect to a domain without SPF is a permerror.
        state.problems.push({ status: 'error', code: 'spf-include-missing', message: `${where} points to a domain without an SPF record: receivers answer permerror`, removes });
        return;
      case 'multiple':
        state.problems.push({ status: 'error', code: 'spf-include-invalid', message: `${where}: ${t} publishes ${f.count} SPF records, so receivers answer permerror`, removes });
        return;
      case 'invalid':
        state.problems.push({ status: 'error', code: 'spf-include-invalid', message: `${where}: the SPF record of ${t} is malformed (${f.error}), so receivers answer permerror`, removes });
        return;
      case 'failed':
        state.problems.push({ status: 'warning', code: 'spf-include-dns', message: `${where} could not be followed: ${f.reason}` });
        return;
      case 'ok':
        await walkRecord(t, f.record, [...path, t], top);
    }
  }

  /** `top` is undefined while walking the domain's own record. */
  async function walkRecord(d: string, rec: SpfRecord, path: string[], top: SpfTerm | undefined): Promise<void> {
    for (const term of rec.directives) {
      if (state.lookups > WALK_CAP) {
        state.capped = true;
        return;
      }
      const before = state.lookups;
      if (LOOKUP_MECHANISMS.has(term.mechanism)) state.lookups++;
      const target = term.domainSpec && !hasMacro(term.domainSpec) ? bare(term.domainSpec) : term.domainSpec ? undefined : d;
      if (term.mechanism === 'include' && target) await follow(target, 'include', path, top ?? term);
      if ((term.mechanism === 'a' || term.mechanism === 'mx') && target) await countVoidsAndMx(term, target, top ?? term);
      if (term.mechanism === 'all' && term.qualifier === '+' && top) {
        state.problems.push({
          status: 'error',
          code: 'spf-pass-all',
          message: `the SPF record of ${d} (reached through ${path.slice(1).join(' → ')}) has "+all": it allows every server on the Internet to send as your domain`,
          removes: top.text,
        });
      }
      if (!top) state.costs.set(term, state.lookups - before);
    }
    // RFC 7208 6.1: redirect is ignored when the record has an "all" mechanism.
    const redirect = rec.terms.find((t) => t.kind === 'modifier' && t.name === 'redirect');
    if (rec.redirect && redirect && !rec.directives.some((t) => t.mechanism === 'all')) {
      const before = state.lookups;
      state.lookups++;
      if (!hasMacro(rec.redirect)) await follow(rec.redirect, 'redirect', path, top ?? redirect);
      if (!top) state.costs.set(redirect, state.lookups - before);
    }
  }

  async function countVoidsAndMx(term: SpfDirective, target: string, top: SpfTerm): Promise<void> {
    if (term.mechanism === 'a') {
      const addrs = await askAddresses(ctx.resolver, target);
      if (addrs.kind === 'none') state.voids++;
      return;
    }
    const mx = await ask('MX', target, () => ctx.resolver.mx(target));
    if (mx.kind === 'none') state.voids++;
    // RFC 7208 4.6.4: an "mx" whose domain has more than 10 MX records is a permerror.
    if (mx.kind === 'ok' && mx.value.length > 10) {
      state.problems.push({
        status: 'error',
        code: 'spf-mx-too-many',
        message: `"${term.text}": ${target} has ${mx.value.length} MX records, more than the 10 an SPF "mx" may look at: receivers answer permerror`,
        removes: top.text,
      });
    }
  }

  await walkRecord(domain, record, [domain], undefined);
  return state;
}
