// What flows through the delivery pipeline: the envelope and bytes of one message, and what each
// stage decided about it. Stages read and extend this object; nothing else carries state.
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Db, Store } from '../store/db.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { EventBus } from '../events/bus.js';
import type { TraceEntry } from '../store/deliveries-repo.js';
import type { Row } from '../store/schema.js';
import type { ParsedMessage } from '../mime/index.js';
import type { Metrics } from '../metrics/registry.js';
import type { AuthResults } from '../authentication/index.js';
import type { DNSResolver } from 'mailauth';
import type { TemporaryAliasRoute } from './router.js';
import type { Classification, EmailType } from '../spam/index.js';
import type { ClassifyPool } from '../filters/classify-pool.js';

export interface DeliveryDeps {
  store: Store;
  blobs: BlobStore;
  events: EventBus;
  config: Config;
  log: Logger;
  metrics: Metrics;
  now: () => number;
  /** DNS for inbound authentication (mailauth's shape, from the node's cached resolver). */
  authResolver?: DNSResolver;
  /** Classifier worker threads (src/filters/classify-pool.ts); absent: the classify stage runs it inline. */
  classifyPool?: ClassifyPool | null;
  /** For DMARC pct= sampling; tests inject it. */
  random?: () => number;
}

export type Source = 'mx' | 'submission' | 'local';

export interface ClientInfo {
  ip: string | null;
  helo: string | null;
  reverseName: string | null;
  tls: boolean;
  /** The mailbox that authenticated (submission). */
  mailbox: Row<'mailboxes'> | null;
}

/** One copy to store: into which mailbox, which folder (by role or name), with which flags. */
export interface Placement {
  mailbox: Row<'mailboxes'>;
  folderRole: string;
  /** A folder by name (a temporary alias's target), before folderRole; commit falls back to the role if it is gone. */
  folder?: string;
  flags: string[];
  /** Which recipient address brought the message here (for the trace). */
  rcpt: string;
  /** The Sent copy of a submission keeps Bcc; every delivered copy has it removed. */
  copy: 'delivered' | 'sent';
  /** The temporary alias the message came through (its address is `rcpt`, for Sieve's envelope :to). */
  temporaryAlias?: TemporaryAliasRoute;
  /** The header block this copy is stored with (Sieve editheader), replacing the message's own. */
  headers?: Buffer;
  /** The classifier's email type for this copy (stored with it for Sieve and clients). */
  emailType?: EmailType;
}

/**
 * A copy to send on to another server: found by route (an address here redirects there, or a
 * bounce came back to one of our SRS addresses), kept or dropped by the redirect stage, queued
 * by commit with an SRS envelope sender.
 */
export interface Forward {
  /** The address whose redirection sends it (or the SRS address): loop tag, SRS domain, consent. */
  origin: string;
  target: string;
  kind: 'redirect' | 'srs-return';
  /** The redirecting mailbox's own copy: removed once forwarded when the mailbox keeps none. */
  localCopy?: { placement: Placement; keep: boolean };
}

/** A classifier's verdict (spam stage, DMARC quarantine). Spam is never redirected to other servers. */
export interface SpamVerdict {
  isSpam: boolean;
  reason?: string;
  /** The classifier's certainty in [0, 1] (Sieve spamtest); absent: isSpam as 1 or 0. */
  score?: number;
}

export interface DeliveryContext {
  id: string;
  source: Source;
  receivedAt: number;
  client: ClientInfo;
  /** '' is the null sender (bounces). */
  mailFrom: string;
  rcptTo: string[];
  /** The message as received (from the spool file, or built in memory for our own mail). */
  raw: Buffer;
  parsed: ParsedMessage | null;
  placements: Placement[];
  /** Recipients on other servers: go to the outbound queue. */
  outbound: string[];
  trace: TraceEntry[];
  /** SPF, DKIM, DMARC and ARC of a message from the Internet (null when not checked). */
  auth: AuthResults | null;
  /** Why every delivered copy goes to Spam (DMARC quarantine; later the spam stage), or null. */
  quarantine: string | null;
  /** Redirections to other servers (route adds, the redirect stage filters, commit queues). */
  forwards?: Forward[];
  spam?: SpamVerdict;
  /** The classify stage's verdict with the global model (absent: not classified). */
  classification?: Classification;
  /** Mailboxes whose allow list matched the sender: the spam stage must not file their copies into Spam. */
  allowlisted?: Set<number>;
  /** Extra writes for commit's transaction (counters of what was stored), run after the placements. */
  commitWrites?: Array<(trx: Db) => Promise<void>>;
  /**
   * Mail owed once this message is committed (Sieve vacation, notify, refusals, local redirects):
   * sent after commit so a failed commit, which the client retries, never sends it twice.
   */
  afterCommit?: Array<{ what: string; send: () => Promise<void> }>;
}

export function note(ctx: DeliveryContext, stage: string, text: string, data?: unknown): void {
  ctx.trace.push({ stage, at: Date.now(), note: text, ...(data === undefined ? {} : { data }) });
}

/** The record of a delivery (`deliveries` row, what `mailcove trace` reads), with its outcome. */
export function deliveryRecord(ctx: DeliveryContext, outcome: string) {
  return {
    id: ctx.id,
    source: ctx.source,
    receivedAt: ctx.receivedAt,
    remoteIp: ctx.client.ip,
    helo: ctx.client.helo,
    mailFrom: ctx.mailFrom,
    rcptTo: ctx.rcptTo,
    messageId: ctx.parsed?.messageId ?? null,
    size: ctx.raw.length,
    outcome,
    trace: ctx.trace,
  };
}
