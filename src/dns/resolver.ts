/**
 * Mailcove's DNS resolver.
 *
 * - Standard record types go through node:dns/promises `Resolver` (c-ares) with our own servers,
 *   timeout and tries.
 * - TLSA (not available in node:dns on Node 20) goes through a small DNS client of our own built on
 *   ./wire.ts (UDP, TCP fallback on truncation); it also reports the AD (authentic data) bit.
 * - Positive answers are cached (TTL from the answer when known, else `defaultTtlSec`, always
 *   capped by `cacheMaxTtlSec`); NXDOMAIN/NODATA are cached for `negativeTtlSec`; SERVFAIL,
 *   timeouts and other errors are never cached. Concurrent identical queries share one lookup.
 * - Adapters: `forMailauth()` (mailauth's `resolver` option) and `forMxConnect()` (mx-connect's
 *   `dnsOptions` + `dane` options).
 */

import dgram from 'node:dgram';
import net from 'node:net';
import { Resolver } from 'node:dns/promises';
import type { DNSResolver as MailauthDnsResolver } from 'mailauth';
import {
  RCode,
  RRType,
  buildQuery,
  decodeMessage,
  encodeMessage,
  normalizeName,
  reverseName,
  typeToName,
  type DnsMessage,
} from './wire.js';

export interface MxRecord {
  exchange: string;
  priority: number;
}

/** TLSA record in the shape mx-connect's DANE code consumes ({ usage, selector, mtype, cert }). */
export interface TlsaRecord {
  usage: number;
  selector: number;
  mtype: number;
  cert: Buffer;
}

export interface TlsaAnswer {
  records: TlsaRecord[];
  /** the AD bit was set by the (validating) recursive resolver */
  authenticated: boolean;
}

export type DnsErrorCode = 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'TIMEOUT' | 'REFUSED' | 'ERROR';

const NODE_CODE: Record<Exclude<DnsErrorCode, 'ERROR'>, string> = {
  NXDOMAIN: 'ENOTFOUND',
  NODATA: 'ENODATA',
  SERVFAIL: 'ESERVFAIL',
  TIMEOUT: 'ETIMEOUT',
  REFUSED: 'EREFUSED',
};

/** Node error codes that mean the query itself was bad: retrying cannot help. */
const PERMANENT_NODE_CODES = new Set(['EBADNAME', 'EBADQUERY', 'EBADFAMILY', 'ENONAME', 'EBADSTR', 'EBADFLAGS', 'EBADHINTS', 'ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_TYPE']);

export class DnsError extends Error {
  readonly code: DnsErrorCode;
  /** true for failures worth retrying later (SERVFAIL, timeouts, REFUSED, unreachable servers...) */
  readonly temporary: boolean;
  /** node-style code ('ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT', 'EREFUSED', 'ECONNREFUSED'...) */
  readonly nodeCode: string;
  readonly hostname: string;
  readonly rrtype: string;

  constructor(code: DnsErrorCode, hostname: string, rrtype: string, opts: { nodeCode?: string; message?: string; cause?: unknown } = {}) {
    super(opts.message ?? `DNS ${rrtype} lookup for ${hostname} failed: ${code}${opts.nodeCode && code === 'ERROR' ? ` (${opts.nodeCode})` : ''}`, {
      cause: opts.cause,
    });
    this.name = 'DnsError';
    this.code = code;
    this.hostname = hostname;
    this.rrtype = rrtype;
    this.nodeCode = code === 'ERROR' ? (opts.nodeCode ?? 'EBADRESP') : NODE_CODE[code];
    this.temporary = code === 'NXDOMAIN' || code === 'NODATA' ? false : !PERMANENT_NODE_CODES.has(this.nodeCode);
  }

  /** NXDOMAIN or NODATA: the name/type definitely has no records. */
  get notFound(): boolean {
    return this.code === 'NXDOMAIN' || this.code === 'NODATA';
  }
}

/** Error with node:dns-style fields (`code: 'ENOTFOUND'` etc.), as mailauth and mx-connect expect. */
export interface NodeStyleDnsError extends Error {
  code: string;
  hostname: string;
  syscall: string;
  temporary: boolean;
}

/**
 * "No such name" and "no such record" are answers, not faults, and inbound mail asks for missing
 * SPF, DMARC and HELO records all the time: their error objects are made without a stack trace,
 * whose capture was a visible cost per message.
 */
function answerError<T>(notFound: boolean, make: () => T): T {
  if (!notFound) return make();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function toNodeStyleError(err: DnsError): NodeStyleDnsError {
  const syscall = `query${err.rrtype.charAt(0)}${err.rrtype.slice(1).toLowerCase()}`;
  const e = answerError(err.notFound, () => new Error(`${syscall} ${err.nodeCode} ${err.hostname}`, { cause: err })) as NodeStyleDnsError;
  e.code = err.nodeCode;
  e.hostname = err.hostname;
  e.syscall = syscall;
  e.temporary = err.temporary;
  return e;
}

/** mx-connect's `dnsOptions.resolve`: node callback style, `(name, cb)` for A or `(name, type, cb)`. */
export type MxConnectResolveFn = (name: string, typeOrCallback: unknown, callback?: unknown) => void;

/** Return type of `forMxConnect()`: spread into mx-connect's options. */
export type MxConnectOptions = {
  dnsOptions: {
    resolve: MxConnectResolveFn;
    ignoreIPv6: boolean;
    preferIPv6: boolean;
    blockLocalAddresses: boolean;
  };
  dane: {
    enabled: boolean;
    verify: boolean;
    resolveTlsa: (tlsaName: string) => Promise<TlsaRecord[]>;
    logger?: (entry: Record<string, unknown>) => void;
  };
};

export interface MxConnectAdapterOptions {
  /** refuse MX hosts resolving to loopback/private/local addresses (default false, as mx-connect) */
  blockLocalAddresses?: boolean;
  ignoreIPv6?: boolean;
  preferIPv6?: boolean;
  /** enable DANE in mx-connect using our TLSA lookups (default false) */
  dane?:
    | boolean
    | {
        verify?: boolean;
        logger?: (entry: Record<string, unknown>) => void;
        /** only use TLSA answers carrying the AD bit (default true; RFC 7672 requires DNSSEC-validated TLSA) */
        requireAuthenticated?: boolean;
      };
}

export interface DnsResolver {
  mx(name: string): Promise<MxRecord[]>;
  a(name: string): Promise<string[]>;
  aaaa(name: string): Promise<string[]>;
  /** each record is the list of its character-strings (join them for the full value) */
  txt(name: string): Promise<string[][]>;
  /** reverse lookup of an IPv4/IPv6 address */
  ptr(ip: string): Promise<string[]>;
  /** TLSA for a full name such as `_25._tcp.mx.example.com` */
  tlsa(name: string): Promise<TlsaAnswer>;
  /** any other type node:dns supports (CNAME, NS, SOA, SRV, CAA, NAPTR), cached like the rest */
  resolve(name: string, rrtype: string): Promise<unknown>;
  /** mailauth `resolver` option: node:dns-style results and error codes */
  forMailauth(): MailauthDnsResolver;
  /** options to spread into mx-connect's options object */
  forMxConnect(opts?: MxConnectAdapterOptions): MxConnectOptions;
  clearCache(): void;
}

export interface ResolverOptions {
  /** 'host', 'host:port', '[v6]' or '[v6]:port'; default: the system's (resolv.conf) servers */
  servers?: string[];
  /** per-try timeout in ms (default 2000) */
  timeoutMs?: number;
  /** tries per server (default 3) */
  tries?: number;
  /** upper bound for any cache TTL (default 300); 0 disables caching */
  cacheMaxTtlSec?: number;
  /** TTL used when node:dns does not report one (MX, TXT, PTR...); default 300, capped by cacheMaxTtlSec */
  defaultTtlSec?: number;
  /** TTL for NXDOMAIN/NODATA (default 30), capped by cacheMaxTtlSec */
  negativeTtlSec?: number;
  /** maximum number of cache entries (default 10000) */
  cacheMaxEntries?: number;
  /** clock in ms, for tests (default Date.now) */
  now?: () => number;
}

// ---------------------------------------------------------------------------
// Our own DNS client over ./wire.ts (used for TLSA)
// ---------------------------------------------------------------------------

interface ServerAddr {
  host: string;
  port: number;
}

export function parseServer(s: string): ServerAddr {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : 53 };
  if (net.isIPv6(s)) return { host: s, port: 53 };
  const v4 = /^([^:]+):(\d+)$/.exec(s);
  if (v4) return { host: v4[1]!, port: Number(v4[2]) };
  return { host: s, port: 53 };
}

class ExchangeError extends Error {
  constructor(
    readonly kind: 'TIMEOUT' | 'NETWORK',
    message: string,
  ) {
    super(message);
  }
}

function matches(resp: DnsMessage, id: number, name: string, type: number): boolean {
  if (!resp.flags.qr || resp.id !== id) return false;
  // FORMERR/NOTIMP replies may come back without a question section
  if (resp.questions.length === 0) return resp.flags.rcode !== RCode.NOERROR;
  const q = resp.questions[0]!;
  return resp.questions.length === 1 && q.type === type && normalizeName(q.name) === normalizeName(name);
}

function udpExchange(server: ServerAddr, packet: Buffer, id: number, name: string, type: number, timeoutMs: number): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket(net.isIPv6(server.host) ? 'udp6' : 'udp4');
    let done = false;
    const finish = (err: Error | null, msg?: DnsMessage) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.close();
      if (err) reject(err);
      else resolve(msg!);
    };
    const timer = setTimeout(() => finish(new ExchangeError('TIMEOUT', `UDP query to ${server.host}:${server.port} timed out`)), timeoutMs);
    sock.on('error', err => finish(new ExchangeError('NETWORK', err.message)));
    sock.on('message', (buf, rinfo) => {
      if (rinfo.port !== server.port) return;
      let msg: DnsMessage;
      try {
        msg = decodeMessage(buf);
      } catch {
        return; // ignore garbage, keep waiting
      }
      if (matches(msg, id, name, type)) finish(null, msg);
    });
    sock.connect(server.port, server.host, () => {
      sock.send(packet, err => {
        if (err) finish(new ExchangeError('NETWORK', err.message));
      });
    });
  });
}

function tcpExchange(server: ServerAddr, packet: Buffer, id: number, name: string, type: number, timeoutMs: number): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: server.host, port: server.port });
    let done = false;
    let pending = Buffer.alloc(0);
    const finish = (err: Error | null, msg?: DnsMessage) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(msg!);
    };
    const timer = setTimeout(() => finish(new ExchangeError('TIMEOUT', `TCP query to ${server.host}:${server.port} timed out`)), timeoutMs);
    sock.on('error', err => finish(new ExchangeError('NETWORK', err.message)));
    sock.on('close', () => finish(new ExchangeError('NETWORK', 'TCP connection closed before an answer')));
    sock.on('connect', () => {
      const frame = Buffer.alloc(2 + packet.length);
      frame.writeUInt16BE(packet.length, 0);
      packet.copy(frame, 2);
      sock.write(frame);
    });
    sock.on('data', chunk => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) return;
        const body = pending.subarray(2, 2 + len);
        pending = pending.subarray(2 + len);
        try {
          const msg = decodeMessage(body);
          if (matches(msg, id, name, type)) return finish(null, msg);
        } catch {
          return finish(new ExchangeError('NETWORK', 'Malformed DNS answer over TCP'));
        }
      }
    });
  });
}

/**
 * Send one query (UDP first, TCP when truncated) to each server in turn, `tries` rounds.
 * Returns the first NOERROR/NXDOMAIN answer; throws DnsError otherwise.
 */
async function directQuery(servers: ServerAddr[], name: string, type: number, timeoutMs: number, tries: number): Promise<DnsMessage> {
  const rrtype = typeToName(type);
  let lastError: DnsError | undefined;
  for (let attempt = 0; attempt < Math.max(1, tries); attempt++) {
    for (const server of servers) {
      const query = buildQuery(name, type, { ad: true, edns: 1232 });
      const packet = encodeMessage(query);
      try {
        let resp = await udpExchange(server, packet, query.id, name, type, timeoutMs);
        if (resp.flags.tc) resp = await tcpExchange(server, packet, query.id, name, type, timeoutMs);
        const rcode = resp.flags.rcode;
        if (rcode === RCode.NOERROR || rcode === RCode.NXDOMAIN) return resp;
        lastError =
          rcode === RCode.SERVFAIL
            ? new DnsError('SERVFAIL', name, rrtype)
            : rcode === RCode.REFUSED
              ? new DnsError('REFUSED', name, rrtype)
              : new DnsError('ERROR', name, rrtype, { nodeCode: rcode === RCode.NOTIMP ? 'ENOTIMP' : rcode === RCode.FORMERR ? 'EFORMERR' : 'EBADRESP' });
      } catch (err) {
        if (err instanceof ExchangeError && err.kind === 'TIMEOUT') {
          lastError = new DnsError('TIMEOUT', name, rrtype, { cause: err });
        } else {
          lastError = new DnsError('ERROR', name, rrtype, { nodeCode: 'ECONNREFUSED', cause: err });
        }
      }
    }
  }
  throw lastError ?? new DnsError('ERROR', name, rrtype, { nodeCode: 'ECONNREFUSED' });
}

// ---------------------------------------------------------------------------
// Resolver
// ---------------------------------------------------------------------------

interface CacheEntry {
  expires: number;
  value?: unknown;
  error?: DnsError;
}

interface Fetched<T> {
  value: T;
  /** TTL in seconds reported by the answer, if known */
  ttl?: number;
}

const NODE_ERROR_MAP: Record<string, DnsErrorCode> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ESERVFAIL: 'SERVFAIL',
  ETIMEOUT: 'TIMEOUT',
  EREFUSED: 'REFUSED',
};

function fromNodeError(err: unknown, hostname: string, rrtype: string): DnsError {
  if (err instanceof DnsError) return err;
  const nodeCode = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'EBADRESP';
  return new DnsError(NODE_ERROR_MAP[nodeCode] ?? 'ERROR', hostname, rrtype, { nodeCode, cause: err });
}

function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(x => cloneValue(x)) as T;
  if (Buffer.isBuffer(v)) return Buffer.from(v) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
    return out as T;
  }
  return v;
}

function reAnchor(err: DnsError): DnsError {
  // A fresh object for each caller (fresh stack too, unless it is an answer); same fields.
  return answerError(err.notFound, () => new DnsError(err.code, err.hostname, err.rrtype, { nodeCode: err.nodeCode, message: err.message, cause: err.cause }));
}

const NODE_GENERIC_TYPES = new Set(['A', 'AAAA', 'ANY', 'CAA', 'CNAME', 'MX', 'NAPTR', 'NS', 'PTR', 'SOA', 'SRV', 'TXT']);

export function createResolver(opts: ResolverOptions = {}): DnsResolver {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const tries = opts.tries ?? 3;
  const maxTtl = Math.max(0, opts.cacheMaxTtlSec ?? 300);
  const defaultTtl = Math.min(opts.defaultTtlSec ?? 300, maxTtl);
  const negativeTtl = Math.min(opts.negativeTtlSec ?? 30, maxTtl);
  const maxEntries = opts.cacheMaxEntries ?? 10_000;
  const now = opts.now ?? Date.now;

  const node = new Resolver({ timeout: timeoutMs, tries });
  if (opts.servers && opts.servers.length) node.setServers(opts.servers);
  const directServers: ServerAddr[] = (opts.servers && opts.servers.length ? opts.servers : node.getServers()).map(parseServer);

  const cache = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<unknown>>();

  const store = (key: string, entry: CacheEntry) => {
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  };

  async function lookup<T>(rrtype: string, rawName: string, fetch: (name: string) => Promise<Fetched<T>>): Promise<T> {
    const name = normalizeName(rawName);
    const key = `${rrtype} ${name}`;
    const hit = cache.get(key);
    if (hit) {
      if (hit.expires > now()) {
        if (hit.error) throw reAnchor(hit.error);
        return cloneValue(hit.value as T);
      }
      cache.delete(key);
    }
    let p = inflight.get(key) as Promise<T> | undefined;
    if (!p) {
      p = (async () => {
        try {
          const { value, ttl } = await fetch(name);
          const ttlSec = Math.min(ttl ?? defaultTtl, maxTtl);
          if (ttlSec > 0) store(key, { expires: now() + ttlSec * 1000, value });
          return value;
        } catch (err) {
          const de = fromNodeError(err, name, rrtype);
          if (de.notFound && negativeTtl > 0) store(key, { expires: now() + negativeTtl * 1000, error: de });
          throw de;
        } finally {
          inflight.delete(key);
        }
      })();
      inflight.set(key, p);
    }
    try {
      return cloneValue(await p);
    } catch (err) {
      throw err instanceof DnsError ? reAnchor(err) : err;
    }
  }

  const nonEmpty = <T>(list: T[], name: string, rrtype: string): T[] => {
    // node:dns normally reports ENODATA itself; be strict in case an answer has no usable records
    if (!list.length) throw new DnsError('NODATA', name, rrtype);
    return list;
  };

  const resolver: DnsResolver = {
    mx: name => lookup('MX', name, async n => ({ value: nonEmpty(await node.resolveMx(n), n, 'MX') })),

    a: name =>
      lookup('A', name, async n => {
        const recs = nonEmpty(await node.resolve4(n, { ttl: true }), n, 'A');
        return { value: recs.map(r => r.address), ttl: Math.min(...recs.map(r => r.ttl)) };
      }),

    aaaa: name =>
      lookup('AAAA', name, async n => {
        const recs = nonEmpty(await node.resolve6(n, { ttl: true }), n, 'AAAA');
        return { value: recs.map(r => r.address), ttl: Math.min(...recs.map(r => r.ttl)) };
      }),

    txt: name => lookup('TXT', name, async n => ({ value: nonEmpty(await node.resolveTxt(n), n, 'TXT') })),

    ptr: async ip => {
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
      const addr = mapped ? mapped[1]! : ip;
      if (!net.isIP(addr)) throw new DnsError('ERROR', ip, 'PTR', { nodeCode: 'EBADNAME', message: `Not an IP address: ${ip}` });
      return ptrByName(reverseName(addr));
    },

    tlsa: name =>
      lookup('TLSA', name, async n => {
        const resp = await directQuery(directServers, n, RRType.TLSA, timeoutMs, tries);
        if (resp.flags.rcode === RCode.NXDOMAIN) throw new DnsError('NXDOMAIN', n, 'TLSA');
        const records: TlsaRecord[] = [];
        for (const rr of resp.answers) if (rr.data.type === 'TLSA') records.push({ ...rr.data.value });
        if (!records.length) throw new DnsError('NODATA', n, 'TLSA');
        return { value: { records, authenticated: resp.flags.ad }, ttl: Math.min(...resp.answers.map(rr => rr.ttl)) };
      }),

    resolve: (name, rrtype) => {
      const t = rrtype.toUpperCase();
      switch (t) {
        case 'A':
          return resolver.a(name);
        case 'AAAA':
          return resolver.aaaa(name);
        case 'MX':
          return resolver.mx(name);
        case 'TXT':
          return resolver.txt(name);
        case 'PTR':
          return ptrByName(name);
        case 'TLSA':
          return resolver.tlsa(name).then(a => a.records);
      }
      if (!NODE_GENERIC_TYPES.has(t)) {
        return Promise.reject(new DnsError('ERROR', name, t, { nodeCode: 'EBADQUERY', message: `Unsupported record type ${rrtype}` }));
      }
      return lookup(t, name, async n => {
        const value = (await node.resolve(n, t as 'CNAME')) as unknown;
        if (Array.isArray(value)) nonEmpty(value, n, t);
        return { value };
      });
    },

    forMailauth: () => {
      const fn = async (name: string, rrtype: string): Promise<unknown> => {
        try {
          return await resolver.resolve(name, rrtype || 'A');
        } catch (err) {
          throw err instanceof DnsError ? toNodeStyleError(err) : err;
        }
      };
      // mailauth's published typing says string[][] | string[]; at runtime it expects node:dns shapes
      // (e.g. { exchange, priority }[] for MX), which is what we return.
      return fn as MailauthDnsResolver;
    },

    forMxConnect: (o = {}) => {
      const resolve: MxConnectResolveFn = (name, typeOrCallback, callback) => {
        const type = typeof typeOrCallback === 'string' ? typeOrCallback : 'A';
        const cb = (typeof typeOrCallback === 'function' ? typeOrCallback : callback) as (err: Error | null, data?: unknown) => void;
        resolver.resolve(name, type).then(
          data => cb(null, data),
          err => cb(err instanceof DnsError ? toNodeStyleError(err) : err),
        );
      };
      const daneOpts = typeof o.dane === 'object' ? o.dane : {};
      const requireAuth = daneOpts.requireAuthenticated !== false;
      const out: MxConnectOptions = {
        dnsOptions: {
          resolve,
          ignoreIPv6: o.ignoreIPv6 ?? false,
          preferIPv6: o.preferIPv6 ?? false,
          blockLocalAddresses: o.blockLocalAddresses ?? false,
        },
        dane: {
          enabled: o.dane === true || typeof o.dane === 'object',
          verify: daneOpts.verify ?? true,
          resolveTlsa: async tlsaName => {
            try {
              const ans = await resolver.tlsa(tlsaName);
              return requireAuth && !ans.authenticated ? [] : ans.records;
            } catch (err) {
              throw err instanceof DnsError ? toNodeStyleError(err) : err;
            }
          },
        },
      };
      if (daneOpts.logger) out.dane.logger = daneOpts.logger;
      return out;
    },

    clearCache: () => cache.clear(),
  };

  function ptrByName(name: string): Promise<string[]> {
    return lookup('PTR', name, async n => ({ value: nonEmpty(await node.resolvePtr(n), n, 'PTR') }));
  }

  return resolver;
}
