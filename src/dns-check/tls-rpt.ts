// SMTP TLS Reporting (RFC 8460): a record at _smtp._tls.<domain> saying where senders report TLS
// failures when delivering to us; without it, a broken certificate or an MTA-STS mistake goes unseen.
import { parseAddress } from '../util/address.js';
import { askTxt } from './lookup.js';
import { parseTagList } from './tag-list.js';
import { finding, type CheckContext, type Finding } from './types.js';
import { txtRecord } from './zone.js';

export type TlsRptParse = { ok: true; rua: string[] } | { ok: false; error: string; rua: string[] };

/** RFC 8460 3: "v=TLSRPTv1" (case-sensitive), then rua= with mailto: or https: URIs. */
export function parseTlsRpt(text: string): TlsRptParse {
  if (!/^v=TLSRPTv1[ \t]*(;|$)/.test(text)) return { ok: false, error: 'it must start with "v=TLSRPTv1;" exactly', rua: [] };
  const list = parseTagList(text);
  if (list.errors.length) return { ok: false, error: list.errors.join('; '), rua: [] };
  const rua = list.byName.get('rua')?.value;
  if (!rua) return { ok: false, error: 'the required rua= is missing', rua: [] };
  const good: string[] = [];
  const bad: string[] = [];
  for (const uri of rua.split(',').map((s) => s.trim())) (validReportUri(uri) ? good : bad).push(uri);
  if (bad.length) return { ok: false, error: `${bad.map((u) => `"${u}"`).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not a mailto: address or https: URL`, rua: good };
  return { ok: true, rua: good };
}

function validReportUri(uri: string): boolean {
  if (/^mailto:/i.test(uri)) {
    try {
      return parseAddress(decodeURIComponent(uri.slice(7).split('?')[0]!)) !== null;
    } catch {
      return false;
    }
  }
  if (/^https:/i.test(uri)) return URL.canParse(uri);
  return false;
}

export async function checkTlsRpt(ctx: CheckContext): Promise<Finding[]> {
  const name = `_smtp._tls.${ctx.domain}`;
  const suggest = (rua: string[]) => txtRecord(name, `v=TLSRPTv1; rua=${(rua.length ? rua : [`mailto:tlsrpt@${ctx.domain}`]).join(',')}`);
  const txt = await askTxt(ctx.resolver, name);
  if (txt.kind === 'failed') {
    return [finding('tls-rpt', 'error', 'tls-rpt-dns', `${txt.reason}; the TLS-RPT record cannot be checked`, { fix: 'Check that the domain\'s DNS servers answer; other servers get the same failure.' })];
  }
  const records = txt.kind === 'ok' ? txt.value.filter((r) => /^v=TLSRPTv1/i.test(r)) : [];
  if (records.length === 0) {
    return [
      finding('tls-rpt', 'warning', 'tls-rpt-missing', `${ctx.domain} has no TLS-RPT record: you get no report when other servers fail to reach you over TLS`, {
        fix: 'Publish the record below; use an address of your domain that exists.',
        record: suggest([]),
      }),
    ];
  }
  if (records.length > 1) {
    return [finding('tls-rpt', 'error', 'tls-rpt-multiple', `${name} has ${records.length} TLS-RPT records; senders then report nowhere (RFC 8460 3)`, { fix: 'Keep a single record: the one below.', record: suggest(records.flatMap((r) => parseTlsRpt(r).rua)) })];
  }
  const parsed = parseTlsRpt(records[0]!);
  if (!parsed.ok) {
    return [finding('tls-rpt', 'error', 'tls-rpt-syntax', `the record "${records[0]}" at ${name} is malformed (${parsed.error}); senders ignore it`, { fix: 'Replace it with the record below.', record: suggest(parsed.rua) })];
  }
  return [finding('tls-rpt', 'ok', 'tls-rpt-ok', `TLS reports go to ${parsed.rua.join(', ')}`)];
}
