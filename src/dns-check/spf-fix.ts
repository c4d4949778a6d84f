// The corrected SPF record: the published one with every fixable problem fixed at once, and the
// ways of naming this server in it.
import { BlockList, isIPv6 } from 'node:net';
import { ask, askAddresses } from './lookup.js';
import { hasMacro, parseSpf, renderSpf, type SpfDirective, type SpfRecord, type SpfTerm } from './spf-record.js';
import { bare } from './spf-walk.js';
import type { CheckContext } from './types.js';

/**
 * Whether the record's own terms (ip4, ip6, a, mx; not includes) let `ip` pass. Used when the
 * receivers' result says nothing about it (a permerror, or a pass only through "+all"), to know
 * whether the corrected record will still let our mail pass.
 */
export async function namesServer(ctx: CheckContext, record: SpfRecord, ip: string): Promise<boolean> {
  const v6 = isIPv6(ip);
  const within = (network: string, prefix: number | undefined) => {
    if (isIPv6(network) !== v6) return false;
    const list = new BlockList();
    list.addSubnet(network, prefix ?? (v6 ? 128 : 32), v6 ? 'ipv6' : 'ipv4');
    return list.check(ip, v6 ? 'ipv6' : 'ipv4');
  };
  for (const d of record.directives) {
    if (d.qualifier !== '+') continue;
    if ((d.mechanism === 'ip4' || d.mechanism === 'ip6') && within(d.network!, d.mechanism === 'ip4' ? d.cidr4 : d.cidr6)) return true;
    if (d.mechanism !== 'a' && d.mechanism !== 'mx') continue;
    if (d.domainSpec && hasMacro(d.domainSpec)) continue;
    const target = bare(d.domainSpec ?? ctx.domain);
    let hosts = [target];
    if (d.mechanism === 'mx') {
      const mx = await ask('MX', target, () => ctx.resolver.mx(target));
      hosts = mx.kind === 'ok' ? mx.value.map((m) => m.exchange) : [];
    }
    for (const h of hosts) {
      const addrs = await askAddresses(ctx.resolver, h);
      if (addrs.kind === 'ok' && addrs.value.some((a) => within(a, v6 ? d.cidr6 : d.cidr4))) return true;
    }
  }
  return false;
}

/** How to name this server in SPF: by hostname when its A/AAAA cover every address (one lookup), else by address (none). */
export function ourTerms(ctx: CheckContext, missing: string[], preferAddresses: boolean): string[] {
  const { hostname, hostnameAddresses } = ctx.server;
  if (!preferAddresses && hostnameAddresses && missing.every((ip) => hostnameAddresses.includes(ip))) return [`a:${hostname}`];
  return missing.map((ip) => (isIPv6(ip) ? `ip6:${ip}` : `ip4:${ip}`));
}

export interface SuggestOptions {
  remove: Set<string>;
  add: string[];
  /** Replace these terms by the given ones (flattening our own names into addresses). */
  replace: Map<string, string[]>;
}

/** The corrected record: every fixable problem fixed, the rest of the record as published. */
export function suggest(terms: SpfTerm[], o: SuggestOptions): string {
  const out: Array<{ text: string }> = [];
  let all: SpfDirective | undefined;
  const modifiers: SpfTerm[] = [];
  const seen = new Set<string>();
  for (const t of terms) {
    if (o.remove.has(t.text) || (t.kind === 'directive' && t.mechanism === 'ptr')) continue;
    if (t.kind === 'modifier') {
      modifiers.push(t);
      continue;
    }
    if (t.mechanism === 'all') {
      all ??= t;
      continue;
    }
    for (const text of o.replace.get(t.text) ?? [t.text]) {
      if (!seen.has(text.toLowerCase())) out.push({ text });
      seen.add(text.toLowerCase());
    }
  }
  for (const text of o.add) if (!seen.has(text.toLowerCase())) out.push({ text });
  // A closing "all" that protects: "+all" and "?all" become "-all"; a redirect keeps its own ending.
  const redirect = modifiers.find((m) => m.kind === 'modifier' && m.name === 'redirect');
  if (all) out.push({ text: all.qualifier === '-' || all.qualifier === '~' ? all.text : '-all' });
  else if (!redirect) out.push({ text: '-all' });
  for (const m of modifiers) if (!(all && m === redirect)) out.push(m);
  return renderSpf(out);
}

/** Terms of a malformed record that parse on their own: kept in the suggestion, so other senders keep working. */
export function salvage(text: string): SpfTerm[] {
  const terms: SpfTerm[] = [];
  let redirect = false;
  for (const word of text.replace(/^v=spf1/i, '').split(/\s+/).filter(Boolean)) {
    const p = parseSpf(`v=spf1 ${word}`);
    if (!p.ok) continue;
    const t = p.record.terms[0]!;
    if (t.kind === 'modifier' && t.name === 'redirect') {
      if (redirect) continue;
      redirect = true;
    }
    terms.push(t);
  }
  return terms;
}
