// Public shapes of the classifier: what the delivery pipeline hands in and what it gets back.
import type { ArcResultName, DkimResultName, DmarcPolicy, DmarcResultName, SpfResultName } from '../authentication/types.js';

export type EmailType = 'spam' | 'promotion' | 'social' | 'transactional' | 'bounce' | 'normal';

/** One reason a score moved: which rule, by how many points, and what it saw. */
export interface Reason {
  rule: string;
  weight: number;
  detail: string;
}

/**
 * What the inbound authentication found, as far as the classifier reads it. `AuthResults`
 * from src/authentication fits this shape as it is (the pipeline passes `ctx.auth`); tests and
 * other callers may give only the parts they know.
 */
export interface AuthSignals {
  spf?: { result: SpfResultName; domain?: string };
  helo?: { result: SpfResultName; domain?: string } | null;
  dkim?: Array<{ domain: string; result: DkimResultName }>;
  dmarc?: { result: DmarcResultName; fromDomain?: string; policy?: DmarcPolicy | null };
  arc?: { result: ArcResultName; trustedVouch?: boolean };
}

/** A DNS blocklist listing found before classify() (see checkBlocklists in dnsbl.ts). */
export interface BlocklistHit {
  zone: string;
  /** What was looked up: the client IP or a URL/sender domain. */
  query: string;
  /** The A record returned (127.0.0.x: the list's reason code). */
  answer: string;
  weight: number;
}

export interface ClassifyContext {
  /** SPF/DKIM/DMARC/ARC results of a message from the Internet; null or absent when not checked. */
  auth?: AuthSignals | null;
  /** The recipient mailbox's address (the mailbox the verdict is for). */
  recipient?: string | null;
  /** Every domain this server hosts (impersonation of "our" domains); the recipient's is enough. */
  localDomains?: string[];
  /** Where the message came from: mail from the Internet ('mx') gets the header and auth rules. */
  source?: 'mx' | 'submission' | 'local';
  clientIp?: string | null;
  helo?: string | null;
  /** Envelope sender; '' is the null sender (bounces). */
  mailFrom?: string | null;
  /** When our server received it (ms since the epoch); defaults to now. */
  receivedAt?: number;
  /** Blocklist listings looked up beforehand; none when blocklists are off (the default). */
  blocklists?: BlocklistHit[];
}

export interface SpamVerdict {
  /** Points: the sum of every reason's weight. */
  score: number;
  isSpam: boolean;
  /** Names of the rules that fired, for the header and for Sieve tests. */
  tags: string[];
  reasons: Reason[];
}

export interface PhishingVerdict {
  isPhishing: boolean;
  score: number;
  reasons: Reason[];
}

export interface Classification {
  spam: SpamVerdict;
  type: EmailType;
  /** Points per type (promotion, social, transactional, bounce): why the type was chosen. */
  typeReasons: Reason[];
  phishing: PhishingVerdict;
  /** Value for the X-Mailcove-Spam header field. */
  header: string;
  /** Set when classification could not complete; the verdict is then "not spam, normal". */
  error?: string;
  /** Bounds hit while reading the message (only a prefix was read, too many parts...). */
  truncated: string[];
}
