// One connection to a destination's MX (mx-connect: MX order, A/AAAA fallback, MTA-STS: an
// "enforce" policy makes verified TLS required; DANE is not enabled: it needs a DNSSEC-validating
// resolver, and Node skips the identity check of an unverified chain), spoken to with nodemailer's SMTP client:
// opportunistic STARTTLS, then any number of messages over the same connection (RSET after a
// failed transaction). Results come back per recipient, never as one verdict for all. An MX that
// takes the connection but refuses the session (greeting, EHLO, required TLS) is skipped for the
// next one in the same attempt, as Postfix does, up to MAX_MX_ADDRESSES addresses.
import type { Readable } from 'node:stream';
import mxConnect from 'mx-connect';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { DnsResolver } from '../dns/resolver.js';
import { isTlsError, stsPolicyOf, tlsFailure, type TlsOutcome } from './tls-outcome.js';

export interface RecipientResult { recipient: string; ok: boolean; code: number; reply: string; temporary: boolean }

export interface RemoteConnection {
  host: string;
  send(sender: string, recipients: string[], body: () => Readable): Promise<RecipientResult[]>;
  close(): void;
}

export class ConnectError extends Error {
  constructor(message: string, readonly temporary: boolean, readonly code: number, readonly enhanced: string, readonly refusedBy: string | null = null) {
    super(message);
  }
}

/** Addresses tried per attempt when MX hosts refuse the session (Postfix's smtp_mx_address_limit). */
export const MAX_MX_ADDRESSES = 5;

export interface ConnectOptions {
  domain: string;
  hostname: string;
  port: number;
  resolver: DnsResolver;
  connectTimeoutMs: number;
  blockLocalAddresses: boolean;
  /** Told the TLS outcome of the session, once it is known (TLS-RPT, RFC 8460). */
  onTls?: (outcome: TlsOutcome) => void;
}

/** MTA-STS policies learned, by domain (mx-connect refreshes them); exported so tests can seed one. */
export const mtaStsPolicies = new Map<string, unknown>();

export async function connectToDomain(o: ConnectOptions): Promise<RemoteConnection> {
  // RFC 7505: a single MX of "." means the domain accepts no mail at all.
  const mx = await o.resolver.mx(o.domain).catch(() => null);
  if (mx && mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.')) {
    throw new ConnectError(`${o.domain} publishes a null MX: it accepts no mail`, false, 556, '5.1.10');
  }
  const refused: string[] = [];
  let last: ConnectError | null = null;
  while (refused.length < MAX_MX_ADDRESSES) {
    try {
      return await connectOnce(o, refused);
    } catch (err) {
      // Every address left was refused already (mx-connect found none to try): the last refusal says why.
      if (!(err instanceof ConnectError) || !err.refusedBy) throw last ?? err;
      last = err;
      refused.push(err.refusedBy);
    }
  }
  throw last!;
}

async function connectOnce(o: ConnectOptions, ignoreMXHosts: string[]): Promise<RemoteConnection> {
  let conn: { socket: import('node:net').Socket; hostname: string; host: string; policyMatch?: { valid?: boolean; mode?: string; testing?: boolean } };
  try {
    conn = (await mxConnect({
      target: o.domain,
      port: o.port,
      localHostname: o.hostname,
      maxConnectTime: o.connectTimeoutMs,
      ignoreMXHosts,
      mtaSts: { enabled: true, cache: { get: async (d: string) => mtaStsPolicies.get(d), set: async (d: string, v: unknown) => void mtaStsPolicies.set(d, v) } },
      ...o.resolver.forMxConnect({ blockLocalAddresses: o.blockLocalAddresses }),
    } as never)) as never;
  } catch (err) {
    const e = err as Error & { category?: string; temporary?: boolean; code?: string };
    // An MX outside an enforced MTA-STS policy was refused: a TLS policy failure to report.
    if (e.category === 'policy') {
      const p = stsPolicyOf(mtaStsPolicies.get(o.domain));
      o.onTls?.({ domain: o.domain, policyType: p.type, policyString: p.lines, mxHost: null, receivingIp: null, sendingIp: null, result: 'validation-failure', reasonCode: 'mx-not-in-policy' });
    }
    const permanent = e.category === 'dns' && !e.temporary && (e.code === 'ENOTFOUND' || e.code === 'ENODATA');
    throw new ConnectError(e.message, !permanent, permanent ? 550 : 451, permanent ? '5.1.2' : '4.4.1');
  }
  // RFC 8461: an MX that matched an "enforce" MTA-STS policy must speak TLS with a certificate
  // valid for its name; otherwise STARTTLS stays opportunistic (unverified, better than none).
  const enforce = conn.policyMatch?.valid === true && conn.policyMatch.mode === 'enforce';
  const client = new SMTPConnection({
    connection: conn.socket,
    name: o.hostname,
    opportunisticTLS: !enforce,
    requireTLS: enforce,
    tls: { rejectUnauthorized: enforce, servername: conn.hostname },
    connectionTimeout: o.connectTimeoutMs,
    greetingTimeout: 60_000,
    socketTimeout: 5 * 60_000,
    logger: false,
  } as never);
  client.on('error', () => undefined);
  const sts = stsPolicyOf(mtaStsPolicies.get(o.domain));
  const tlsOutcome = (result: TlsOutcome['result'], reasonCode?: string) =>
    o.onTls?.({ domain: o.domain, policyType: sts.type, policyString: sts.lines, mxHost: conn.hostname || null, receivingIp: conn.host || null, sendingIp: conn.socket.localAddress ?? null, result, ...(reasonCode ? { reasonCode } : {}) });
  // A refused greeting (421/554), a failed EHLO or STARTTLS end the session with 'error' or 'end'
  // and never call the connect callback: those settle the attempt as well.
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (message: string, err?: SmtpError) => {
      if (settled) return;
      settled = true;
      if (err && isTlsError(err)) {
        const f = tlsFailure(err);
        tlsOutcome(sts.fetchError ? 'sts-policy-fetch-error' : f.result, f.reasonCode);
      }
      client.close();
      reject(new ConnectError(`${conn.hostname || conn.host}: ${message}`, true, 451, '4.4.2', conn.host));
    };
    client.once('error', (err: SmtpError) => fail(err.response ?? err.message, err));
    client.once('end', () => {
      const last = (client as unknown as { lastServerResponse?: string | false }).lastServerResponse;
      fail(last ? `closed the connection: ${last}` : 'connection closed before the session started');
    });
    client.connect((err?: Error | null) => {
      if (err) return fail(err.message, err as SmtpError);
      settled = true;
      // Plain text means the server offered no STARTTLS (or its upgrade failed, opportunistically).
      if (sts.fetchError) tlsOutcome('sts-policy-fetch-error');
      else if ((client as unknown as { secure?: boolean }).secure) tlsOutcome('success');
      else tlsOutcome('starttls-not-supported', 'plaintext');
      resolve();
    });
  });
  const host = conn.hostname || conn.host;
  // After a failed transaction the server may still hold its MAIL FROM: RSET before the next one.
  let dirty = false;
  return {
    host,
    async send(sender, recipients, body) {
      if (dirty) {
        dirty = false;
        const reset = await new Promise<boolean>((resolve) => client.reset((err: Error | null) => resolve(!err)));
        if (!reset) client.close();
      }
      const { results, failed } = await sendOne(client, sender, recipients, body);
      dirty = failed;
      return results;
    },
    close: () => {
      try {
        client.quit();
      } catch {
        client.close();
      }
    },
  };
}

interface SmtpError extends Error { responseCode?: number; response?: string; code?: string; originalCode?: string; rejectedErrors?: SmtpError[]; recipient?: string }

function sendOne(client: SMTPConnection, sender: string, recipients: string[], body: () => Readable): Promise<{ results: RecipientResult[]; failed: boolean }> {
  return new Promise((resolve) => {
    client.send({ from: sender, to: recipients }, body() as never, (err: SmtpError | null, info: { accepted?: string[]; rejected?: string[]; rejectedErrors?: SmtpError[]; response?: string } | undefined) => {
      if (err) {
        // The whole transaction failed (at MAIL, at DATA, or the connection): same fate for all,
        // except recipients the server had already refused at RCPT, which keep their own reply.
        const code = err.responseCode ?? 451;
        const reply = err.response ?? err.message;
        const perRcpt = new Map((err.rejectedErrors ?? []).map((r) => [r.recipient, r]));
        return resolve({
          failed: true,
          results: recipients.map((r) => {
            const own = perRcpt.get(r);
            const c = own?.responseCode ?? code;
            return { recipient: r, ok: false, code: c, reply: own?.response ?? reply, temporary: c < 500 };
          }),
        });
      }
      const rejected = new Map((info?.rejectedErrors ?? []).map((r) => [r.recipient, r]));
      resolve({
        failed: false,
        results: recipients.map((r) => {
          const rej = rejected.get(r);
          if (rej) {
            const c = rej.responseCode ?? 550;
            return { recipient: r, ok: false, code: c, reply: rej.response ?? rej.message, temporary: c < 500 };
          }
          return { recipient: r, ok: true, code: 250, reply: info?.response ?? '250 OK', temporary: false };
        }),
      });
    });
  });
}
