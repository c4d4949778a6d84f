// What the inbound checks found out about one message, in our own terms (RFC 8601 result names),
// so the pipeline, the trace and later the spam stage do not depend on mailauth's shapes.
import type { DNSResolver } from 'mailauth';

export type SpfResultName = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';
export type DkimResultName = 'pass' | 'fail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';
export type DmarcResultName = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';
export type ArcResultName = 'pass' | 'fail' | 'none';
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface SpfOutcome {
  /** RFC 7208 2.4 / 2.3: the MAIL FROM identity, or the HELO identity. */
  identity: 'mailfrom' | 'helo';
  /** The identity checked: an address for mailfrom (postmaster@helo when MAIL FROM was null), the name for helo. */
  value: string;
  domain: string;
  result: SpfResultName;
  reason: string;
}

export interface DkimOutcome {
  domain: string;
  selector: string;
  algorithm: string;
  result: DkimResultName;
  reason: string;
  /** First 8 characters of b=, to tell signatures apart (RFC 6008). */
  b: string;
}

export interface DmarcOutcome {
  result: DmarcResultName;
  /** The RFC5322.From domain the policy was looked up for ('' without a usable From). */
  fromDomain: string;
  /** The published policy that applies (sp= for a subdomain when set), null without a record. */
  policy: DmarcPolicy | null;
  /** The policy after pct= sampling (RFC 7489 6.6.4): what a failure leads to. */
  appliedPolicy: DmarcPolicy | null;
  pct: number;
  spfAligned: boolean;
  dkimAligned: boolean;
  reason: string;
}

export interface ArcOutcome {
  result: ArcResultName;
  /** Number of ARC sets (instance of the latest). */
  instance: number;
  /** d= of the latest ARC-Seal, lower case. */
  sealer: string | null;
  /** The latest sealer is trusted and its ARC-Authentication-Results show an aligned pass. */
  trustedVouch: boolean;
  reason: string;
}

export type Verdict =
  | { action: 'accept'; reason: string }
  | { action: 'quarantine'; reason: string }
  | { action: 'reject'; code: 550; enhanced: string; reason: string }
  | { action: 'tempfail'; code: 451; enhanced: string; reason: string };

export interface AuthResults {
  /** SPF of the identity DMARC uses: MAIL FROM, or HELO when MAIL FROM is null. */
  spf: SpfOutcome;
  /** The HELO identity checked on its own (RFC 7208 2.3), null when there was no usable HELO name. */
  helo: SpfOutcome | null;
  dkim: DkimOutcome[];
  dmarc: DmarcOutcome;
  arc: ArcOutcome;
  verdict: Verdict;
  /** The complete `Authentication-Results: ...\r\n` field to prepend. */
  header: string;
}

export interface AuthenticateInput {
  /** The message as received (CRLF). */
  raw: Buffer;
  ip: string;
  helo: string | null;
  /** '' for the null sender. */
  mailFrom: string;
  /** RFC5322.From addr-specs as parsed by our MIME parser. */
  fromAddresses: string[];
}

export interface AuthenticateOptions {
  /** Our authserv-id: the node's hostname. */
  authservId: string;
  /** mailauth-style resolver: node:dns shapes and error codes. */
  resolver: DNSResolver;
  /** d= values of ARC sealers the admin trusts (forwarders, mailing lists). */
  trustedArcSealers: string[];
  /** For pct= sampling; [0, 1). Injected by tests. */
  random?: () => number;
  /** Verification time for DKIM x= (ms). */
  now?: number;
}
