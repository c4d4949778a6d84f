// The whole configuration, as one zod schema: every key has a safe default, so an empty file
// (or no file) gives a working single-node server on unprivileged ports.
import os from 'node:os';
import { isIP } from 'node:net';
import { z } from 'zod';

/** `host:port`, `[v6]:port`, or `off` to disable the listener. */
const listenAddress = z
  .string()
  .regex(/^(off|(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.\-_]+):\d{1,5})$/, { message: 'host:port (for example 0.0.0.0:2525) or "off"', abort: true })
  .refine((v) => v === 'off' || Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be 0-65535');

const positiveInt = z.number().int().positive();
const emailAddress = z.string().max(320).regex(/^[^\s@]+@[A-Za-z0-9.-]+$/, 'an email address such as dmarc-reports@example.com');

export const LISTENER_NAMES = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'managesieve', 'http'] as const;
export type ListenerName = (typeof LISTENER_NAMES)[number];

export const configSchema = z.strictObject({
  hostname: z
    .string()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/, 'a DNS hostname such as mail.example.com')
    .default(os.hostname()),
  dataDir: z.string().min(1).default('./data'),
  database: z
    .strictObject({
      /** Empty: SQLite at <dataDir>/mailcove.db. `postgres://...`: PostgreSQL. `sqlite:/path`: another SQLite file. */
      url: z.string().regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'postgres://user:pass@host/db or sqlite:/path/file.db').optional(),
      poolSize: positiveInt.max(200).default(10),
    })
    .prefault({}),
  listen: z
    .strictObject({
      smtp: listenAddress.default('0.0.0.0:2525'),
      submission: listenAddress.default('0.0.0.0:2587'),
      submissions: listenAddress.default('0.0.0.0:2465'),
      imap: listenAddress.default('0.0.0.0:2143'),
      imaps: listenAddress.default('0.0.0.0:2993'),
      managesieve: listenAddress.default('0.0.0.0:4190'),
      http: listenAddress.default('0.0.0.0:8080'),
    })
    .prefault({}),
  tls: z
    .strictObject({
      /** PEM files; when both are absent a self-signed pair is made under <dataDir>/tls on first start. */
      certFile: z.string().optional(),
      keyFile: z.string().optional(),
    })
    .prefault({}),
  http: z
    .strictObject({
      /** Serve the web app and API over HTTPS with the node's certificate; turn off only behind a TLS proxy. */
      tls: z.boolean().default(true),
      /** Where people reach this server's web pages (links in mail we send); default https://<hostname>:<http port>. */
      publicUrl: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://mail.example.com' }).optional(),
    })
    .prefault({}),
  dns: z
    .strictObject({
      /** Resolvers as host or host:port; empty uses the system's. */
      servers: z.array(z.string().regex(/^[0-9a-fA-F:.[\]]+(:\d+)?$/, 'an IP address, optionally with :port')).default([]),
      timeoutMs: positiveInt.max(60_000).default(5000),
    })
    .prefault({}),
  server: z
    .strictObject({
      /**
       * Public IPv4/IPv6 addresses this node sends mail from, as other servers see them (the NAT's,
       * not the local ones). `dns check` checks SPF and reverse DNS against them. Empty (default):
       * the addresses `hostname` resolves to.
       */
      publicAddresses: z.array(z.string().refine((v) => isIP(v) !== 0, 'an IPv4 or IPv6 address')).default([]),
    })
    .prefault({}),
  smtp: z
    .strictObject({
      maxMessageSize: positiveInt.default(25 * 1024 * 1024),
      /** Recipients accepted per inbound transaction (MX). */
      maxRecipients: positiveInt.max(10_000).default(100),
      maxConnections: positiveInt.default(1000),
      maxConnectionsPerIp: positiveInt.default(20),
      socketTimeoutSec: positiveInt.default(300),
      maxReceivedHeaders: positiveInt.default(50),
    })
    .prefault({}),
  imap: z
    .strictObject({
      /** Sessions at once on this node; a client in IDLE holds one for hours. */
      maxConnections: positiveInt.default(20_000),
      /** Per client IP: offices behind one NAT address run several clients per person. */
      maxConnectionsPerIp: positiveInt.default(200),
    })
    .prefault({}),
  managesieve: z
    .strictObject({
      maxConnections: positiveInt.default(1000),
      maxConnectionsPerIp: positiveInt.default(20),
      /** Octets of one command line outside its literals (quoted strings hold at most 1024). */
      maxLineBytes: positiveInt.min(1024).max(1024 * 1024).default(8192),
    })
    .prefault({}),
  sieveScripts: z
    .strictObject({
      /** Largest script stored (ManageSieve, the API, the CLI); the engine's own limit is 1 MiB. */
      maxBytes: positiveInt.max(1024 * 1024).default(1024 * 1024),
      /** Scripts per mailbox. */
      maxPerMailbox: positiveInt.max(10_000).default(100),
      /** Folder of the administrator's global scripts (`include :global`, RFC 6609); empty: <dataDir>/sieve/global. */
      globalDir: z.string().default(''),
    })
    .prefault({}),
  auth: z
    .strictObject({
      /** Failed logins for one account within the window before it is locked for a while. */
      maxFailures: positiveInt.default(10),
      /** Failed logins from one IP (any accounts) within the window before that IP is locked. */
      maxFailuresPerIp: positiveInt.default(30),
      failureWindowMin: positiveInt.default(15),
      lockMin: positiveInt.default(15),
      /** Delay added to each failed attempt, to slow guessing. */
      failureDelayMs: z.number().int().min(0).max(10_000).default(1000),
      /**
       * Inbound mail: d= of ARC sealers (forwarders, mailing lists) whose recorded aligned pass may
       * override a DMARC reject or quarantine (RFC 8617 7.2). Empty: ARC never overrides.
       */
      trustedArcSealers: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/, 'a domain name such as lists.example.org').transform((s) => s.toLowerCase().replace(/\.$/, ''))).default([]),
      /** All of SPF, DKIM, DMARC and ARC for one message: past this, 451 (each lookup has its own timeout too). */
      checkTimeoutSec: positiveInt.max(300).default(30),
    })
    .prefault({}),
  sending: z
    .strictObject({
      /** Defaults; a domain or a mailbox may override both. */
      maxRecipientsPerMessage: positiveInt.default(100),
      maxRecipientsPer24h: positiveInt.default(1440),
    })
    .prefault({}),
  queue: z
    .strictObject({
      maxAgeHours: positiveInt.default(120),
      delayNoticeHours: positiveInt.default(4),
      /** Minutes between attempts; the last value repeats. */
      retryMinutes: z.array(positiveInt).min(1).default([5, 10, 20, 40, 60, 120, 240]),
      concurrency: positiveInt.max(500).default(20),
      /** Port of remote MX servers; only tests and special setups change it. */
      remotePort: positiveInt.max(65535).default(25),
      pollMs: positiveInt.default(1000),
      connectTimeoutMs: positiveInt.default(30_000),
      /** Refuse to connect to loopback/private MX addresses (on by default: a hostile MX record must not reach local services). */
      blockLocalAddresses: z.boolean().default(true),
    })
    .prefault({}),
  dkim: z
    .strictObject({
      /** Days a rotated-out key stays published (verifying mail already sent) before it is retired. */
      rotationGraceDays: z.number().int().min(0).max(365).default(7),
    })
    .prefault({}),
  srs: z
    .strictObject({
      /** HMAC key of rewritten senders; unset: generated once into <dataDir>/srs.secret. Nodes sharing domains need the same. */
      secret: z.string().min(16, 'at least 16 characters').optional(),
      /** Former secrets still accepted on bounces after a change (keep them for maxAgeDays). */
      previousSecrets: z.array(z.string().min(16, 'at least 16 characters')).default([]),
      /** Days a rewritten sender accepts bounces. */
      maxAgeDays: positiveInt.max(1000).default(21),
      hashLength: z.number().int().min(4).max(27).default(4),
      /** Domain of rewritten senders; unset: the domain of the address that redirects (its MX and SPF are ours). */
      domain: z
        .string()
        .regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/, 'a domain such as example.com')
        .transform((d) => d.toLowerCase())
        .optional(),
    })
    .prefault({}),
  redirect: z
    .strictObject({
      /** Days a confirmation link for a new external redirect target stays valid. */
      confirmDays: positiveInt.max(90).default(7),
      /** Our own X-Mailcove-Loop headers a message may carry before it is no longer redirected. */
      maxLoopHeaders: positiveInt.max(50).default(3),
    })
    .prefault({}),
  mailbox: z
    .strictObject({
      defaultQuotaBytes: z.number().int().min(0).default(10 * 1024 * 1024 * 1024),
    })
    .prefault({}),
  reports: z
    .strictObject({
      /** Mail delivered to this mailbox (or one of its aliases) is read for DMARC aggregate and TLS-RPT reports; unset: none is. */
      address: emailAddress.optional(),
      /** Who we are in the reports we send (DMARC org_name, TLS-RPT organization-name); default: the hostname. */
      orgName: z.string().min(1).max(200).optional(),
      /** Contact and From address of the reports we send; default: postmaster@<hostname>. */
      contactEmail: emailAddress.optional(),
      /** Send daily DMARC aggregate reports to domains whose DMARC record asks for them (rua=). */
      sendDmarc: z.boolean().default(true),
      /** Send daily TLS-RPT reports to domains that publish _smtp._tls with a mailto: rua. */
      sendTls: z.boolean().default(true),
    })
    .prefault({}),
  spam: z
    .strictObject({
      /** Days Spam and Trash keep a message (a mailbox may set its own); 0: forever. */
      expiryDays: z.number().int().min(0).max(3650).default(30),
      /** How often the expiry job runs, in minutes. */
      expiryIntervalMin: positiveInt.max(1440).default(60),
      /** Distinct mailboxes that must report the same campaign before the global model learns it. */
      globalReportMailboxes: positiveInt.max(1000).default(3),
      /** Recipient mailboxes per message whose own models are applied (one classify each); the rest get the global verdict. */
      maxMailboxModels: positiveInt.max(1000).default(20),
      /** Worker threads that classify off the event loop (~90 MB each); default: cores - 2 (at most 8), none on two cores; 0: on the event loop. */
      workers: z.number().int().min(0).max(64).optional(),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
