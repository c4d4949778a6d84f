// DMARC of the domain (RFC 7489): one well-formed record at _dmarc.<domain> (or, for a subdomain,
// its Organizational Domain's), a policy that protects, and report addresses receivers will use.
import { askTxt } from './lookup.js';
import { looksLikeDmarc, parseDmarc, renderDmarc, type DmarcPolicy, type DmarcRecord, type DmarcUri } from './dmarc-record.js';
import { organizationalDomain, sameOrganization } from './org-domain.js';
import { finding, type CheckContext, type Finding } from './types.js';
import { txtRecord } from './zone.js';

const FIX: Record<string, string> = {
  'dmarc-p-none': 'p=none only monitors: receivers deliver mail that fails DMARC as if nothing were wrong. Once the aggregate reports show your own mail passing, publish p=quarantine (below), later p=reject.',
  'dmarc-sp-none': 'sp=none leaves every subdomain unprotected; leave sp out so subdomains follow p.',
  'dmarc-no-rua': 'Add rua= so receivers send you daily aggregate reports: they show every server sending mail as your domain. Use an address of your domain that exists.',
  'dmarc-bad-uri': 'Reports only go to mailto: addresses; correct or remove the URI.',
  'dmarc-pct-range': 'pct is a percentage from 0 to 100; leave it out for 100.',
  'dmarc-unknown-tag': 'Remove the tag, or correct its name.',
  'dmarc-p-position': 'Put p= right after v=DMARC1.',
};

/** The record that fixes every finding at once: valid tags kept, a protecting policy, working report addresses. */
function suggestion(domain: string, r: DmarcRecord | null): string {
  const usable = (uris: DmarcUri[] | undefined) => (uris ?? []).filter((u) => !u.error).map((u) => u.text);
  const rua = usable(r?.rua);
  const keep = (p: DmarcPolicy | undefined): DmarcPolicy | undefined => (p && p !== 'none' ? p : undefined);
  return renderDmarc({
    p: keep(r?.p) ?? 'quarantine',
    sp: r?.p && r.p !== 'none' ? keep(r.sp) : undefined,
    rua: rua.length ? rua : [`mailto:dmarc@${domain}`],
    ruf: usable(r?.ruf),
    adkim: r?.adkim,
    aspf: r?.aspf,
    pct: r?.pct,
    fo: r?.fo,
    ri: r?.ri,
  });
}

export async function checkDmarc(ctx: CheckContext): Promise<Finding[]> {
  const { domain } = ctx;
  const name = `_dmarc.${domain}`;
  const txt = await askTxt(ctx.resolver, name);
  if (txt.kind === 'failed') {
    return [finding('dmarc', 'error', 'dmarc-dns', `${txt.reason}; the DMARC record cannot be checked`, { fix: 'Check that the domain\'s DNS servers answer; receivers get the same failure.' })];
  }
  const all = txt.kind === 'ok' ? txt.value : [];
  const records = all.filter(looksLikeDmarc);
  if (records.length === 0 && all.length > 0) {
    return [
      finding('dmarc', 'error', 'dmarc-syntax', `the TXT record at ${name} is not a DMARC record (it must start with "v=DMARC1"), so receivers ignore it: ${all.map((r) => `"${r}"`).join(', ')}`, {
        fix: 'Replace it with a DMARC record.',
        record: txtRecord(name, suggestion(domain, null)),
      }),
    ];
  }
  if (records.length === 0) return inherited(ctx);
  if (records.length > 1) {
    const first = records.map((r) => parseDmarc(r).record).find(Boolean) ?? null;
    return [
      finding('dmarc', 'error', 'dmarc-multiple', `${name} has ${records.length} DMARC records; receivers then apply none of them (RFC 7489 6.6.3): ${records.map((r) => `"${r}"`).join(', ')}`, {
        fix: 'Keep one record: delete the others, merging what you need into the one below.',
        record: txtRecord(name, suggestion(domain, first)),
      }),
    ];
  }
  const text = records[0]!;
  const { record, problems } = parseDmarc(text);
  const out = problems.map((p) => ({ ...p }));
  if (record) {
    if (record.p === 'none') out.push({ status: 'warning', code: 'dmarc-p-none', message: `p=none: DMARC does not protect ${domain}; receivers deliver mail forged in its name` });
    if (record.sp === 'none' && record.p && record.p !== 'none') out.push({ status: 'warning', code: 'dmarc-sp-none', message: `sp=none: subdomains of ${domain} are not protected` });
    // An empty or broken rua= has its own finding already.
    if (!/(^|;)\s*rua\s*=/i.test(text)) out.push({ status: 'warning', code: 'dmarc-no-rua', message: 'no rua= address: you receive no aggregate reports and cannot see who sends mail as your domain' });
  }
  const suggested = suggestion(domain, record);
  const fixRecord = suggested !== text ? txtRecord(name, suggested) : undefined;
  const findings = out.map((p) =>
    finding('dmarc', p.status, p.code, p.message, { fix: FIX[p.code] ?? 'Publish the corrected record below in place of the current one.', record: fixRecord }),
  );
  if (record) findings.push(...(await reportAuthorizations(ctx, record)));
  if (findings.length === 0) {
    return [finding('dmarc', 'ok', 'dmarc-ok', `"${text}": policy ${record!.p}${record!.sp ? `, subdomains ${record!.sp}` : ''}${record!.pct < 100 ? ` for ${record!.pct}% of failing mail` : ''}; reports to ${record!.rua.map((u) => u.address).join(', ')}`)];
  }
  return findings;
}

/** No record of its own: a subdomain falls under its Organizational Domain's record (RFC 7489 6.6.3). */
async function inherited(ctx: CheckContext): Promise<Finding[]> {
  const { domain } = ctx;
  const name = `_dmarc.${domain}`;
  const missing = (extra = '') =>
    finding('dmarc', 'warning', 'dmarc-missing', `${domain} publishes no DMARC record${extra}: receivers cannot tell that mail forged in its name should be refused`, {
      fix: 'Publish a DMARC record. Start with p=quarantine if all your mail goes through Mailcove; use an address of your domain that exists for rua.',
      record: txtRecord(name, suggestion(domain, null)),
    });
  const org = organizationalDomain(domain);
  if (org === domain) return [missing()];
  const txt = await askTxt(ctx.resolver, `_dmarc.${org}`);
  if (txt.kind === 'failed') return [missing(` (and ${txt.reason})`)];
  const records = txt.kind === 'ok' ? txt.value.filter(looksLikeDmarc) : [];
  const parsed = records.length === 1 ? parseDmarc(records[0]!).record : null;
  const policy = parsed?.sp ?? parsed?.p;
  if (!parsed || !policy) return [missing(` and its organizational domain ${org} has no usable one`)];
  const message = `no record at ${name}: receivers apply the record of ${org} ("${records[0]}"), which sets ${policy} for subdomains`;
  if (policy === 'none') {
    return [finding('dmarc', 'warning', 'dmarc-p-none', `${message}: DMARC does not protect ${domain}`, { fix: `Publish a record of ${domain}'s own (below), or set sp=quarantine in ${org}'s.`, record: txtRecord(name, suggestion(domain, null)) })];
  }
  return [finding('dmarc', 'ok', 'dmarc-inherited', message)];
}

/**
 * Report addresses outside the domain's organization are used only when the destination
 * authorizes them with a record at <domain>._report._dmarc.<destination> (RFC 7489 7.1).
 */
async function reportAuthorizations(ctx: CheckContext, record: DmarcRecord): Promise<Finding[]> {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const [tag, uris] of [['rua', record.rua], ['ruf', record.ruf]] as const) {
    for (const u of uris) {
      if (!u.domain || sameOrganization(ctx.domain, u.domain) || seen.has(u.domain)) continue;
      seen.add(u.domain);
      const name = `${ctx.domain}._report._dmarc.${u.domain}`;
      const txt = await askTxt(ctx.resolver, name);
      if (txt.kind === 'ok' && txt.value.some(looksLikeDmarc)) continue;
      if (txt.kind === 'failed') {
        out.push(finding('dmarc', 'warning', 'dmarc-report-dns', `${tag}=${u.text}: could not check that ${u.domain} accepts reports for ${ctx.domain}: ${txt.reason}`));
        continue;
      }
      out.push(
        finding('dmarc', 'warning', 'dmarc-report-unauthorized', `${tag}=${u.text} is outside ${ctx.domain}, and ${u.domain} does not publish ${name}: receivers will not send reports there`, {
          fix: `The owner of ${u.domain} must publish the record below to accept reports for ${ctx.domain} (RFC 7489 7.1); or send reports to an address of ${ctx.domain}.`,
          record: txtRecord(name, 'v=DMARC1'),
        }),
      );
    }
  }
  return out;
}
