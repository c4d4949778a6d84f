// What the domain security check produces: one report per domain, a list of findings per record
// family. Every finding that is not `ok` says how to fix it and, where a record fixes it, the exact
// record to publish (zone-file form).
import type { DnsResolver } from '../dns/resolver.js';

export type CheckStatus = 'ok' | 'warning' | 'error';

export const CHECK_NAMES = ['mx', 'spf', 'dkim', 'dmarc', 'mta-sts', 'tls-rpt', 'ptr'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface Finding {
  name: CheckName;
  status: CheckStatus;
  /** Stable identifier (`spf-too-many-lookups`...): the web app and scripts key on it, never on the wording. */
  code: string;
  message: string;
  fix?: string;
  /** Zone-file lines to publish, one per line. */
  record?: string;
}

export interface DomainReport {
  domain: string;
  /** The worst status of all findings. */
  status: CheckStatus;
  checkedAt: number;
  checks: Finding[];
}

/** A DKIM key Mailcove signs with, as it must appear at `<selector>._domainkey.<domain>`. */
export interface ExpectedDkimRecord {
  selector: string;
  /** base64 of the `p=` value: SubjectPublicKeyInfo DER for RSA, the raw 32-byte key for Ed25519 (RFC 8463). */
  publicKey: string;
  algorithm: 'rsa' | 'ed25519';
}

/** Who "we" are, as other mail servers see this node. */
export interface ServerIdentity {
  /** The HELO/EHLO name (config `hostname`), also the MX target we expect. */
  hostname: string;
  /** Public IPv4/IPv6 addresses other servers see us sending from. */
  addresses: string[];
  /** Where `addresses` came from; 'none' when nothing could be found. */
  source: 'config' | 'hostname' | 'mx' | 'none';
  /** A/AAAA of `hostname` ([] when it has none); null when DNS could not answer. */
  hostnameAddresses: string[] | null;
  /** Why `hostnameAddresses` is null. */
  hostnameError?: string;
}

export interface CheckContext {
  /** ASCII, lower case. */
  domain: string;
  resolver: DnsResolver;
  server: ServerIdentity;
  expectedDkim: ExpectedDkimRecord[];
  now: () => number;
}

export function finding(name: CheckName, status: CheckStatus, code: string, message: string, extra: { fix?: string; record?: string } = {}): Finding {
  return { name, status, code, message, ...(extra.fix ? { fix: extra.fix } : {}), ...(extra.record ? { record: extra.record } : {}) };
}

const RANK: Record<CheckStatus, number> = { ok: 0, warning: 1, error: 2 };

export function worst(statuses: Iterable<CheckStatus>): CheckStatus {
  let w: CheckStatus = 'ok';
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}
