/**
 * A small authoritative DNS server for tests: UDP + TCP on 127.0.0.1, same port.
 *
 *   const dns = await startDnsServer({
 *     'example.test': { MX: [{ priority: 10, exchange: 'mx.example.test' }], TXT: [['v=spf1 ip4:127.0.0.1 -all']] },
 *     'mx.example.test': { A: ['127.0.0.1'] },
 *     'broken.test': { rcode: 'SERVFAIL' },
 *     'slow.test': { timeout: true },
 *   });
 *   resolver = createResolver({ servers: [dns.address] });
 *   ...
 *   await dns.close();
 *
 * Semantics:
 *  - names are matched case-insensitively, trailing dot ignored; the zone object is read on every
 *    query, so tests may mutate it at any time;
 *  - unknown name -> NXDOMAIN; known name without records of the asked type -> NOERROR, no answers (NODATA);
 *  - `rcode` answers every query for that name with that rcode, `timeout` never answers;
 *  - CNAME is followed (up to 8 hops) inside the zone, like a real recursive answer;
 *  - UDP answers larger than 512 bytes (or than the client's EDNS payload size) are sent truncated
 *    (TC=1, no records) so the client retries over TCP;
 *  - every query is appended to `queries` ({ name (lower case), type ('MX', 'TYPE65'...), transport }).
 */

import dgram from 'node:dgram';
import net from 'node:net';
import {
  CLASS_IN,
  RCode,
  RRType,
  decodeMessage,
  defaultFlags,
  encodeMessage,
  getOpt,
  makeOpt,
  makeRecord,
  normalizeName,
  typeToName,
  type DnsMessage,
  type MxData,
  type RCodeName,
  type RRTypeName,
  type ResourceRecord,
} from '../../src/dns/wire.js';

export interface TlsaZoneRecord {
  usage: number;
  selector: number;
  mtype: number;
  /** hex string or bytes */
  cert: string | Buffer;
}

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  MX?: MxData[];
  /** each record is a string or a list of strings; strings longer than 255 bytes are split into chunks */
  TXT?: Array<string | string[]>;
  SPF?: Array<string | string[]>;
  PTR?: string[];
  CNAME?: string;
  NS?: string[];
  TLSA?: TlsaZoneRecord[];
  /** answer every query for this name with this rcode */
  rcode?: Exclude<RCodeName, 'NOERROR'>;
  /** never answer queries for this name */
  timeout?: boolean;
  /** TTL of this name's records (default 300) */
  ttl?: number;
  /** delay the answer by this many ms */
  delayMs?: number;
  /** set the AD (authentic data) flag on answers for this name, as a validating resolver would */
  ad?: boolean;
}

export type Zone = Record<string, ZoneEntry>;

export interface DnsQueryLog {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface DnsServerOptions {
  /** maximum UDP answer size when the client does not use EDNS (default 512) */
  maxUdpSize?: number;
  /** honour the client's EDNS UDP payload size (default true); false = always limit to maxUdpSize */
  honorEdns?: boolean;
}

export interface TestDnsServer {
  host: string;
  port: number;
  /** 'host:port', ready for Resolver#setServers / createResolver({ servers }) */
  address: string;
  zone: Zone;
  queries: DnsQueryLog[];
  close(): Promise<void>;
}

const DEFAULT_TTL = 300;
const MAX_CNAME_HOPS = 8;
const RECORD_TYPES: RRTypeName[] = ['A', 'AAAA', 'MX', 'TXT', 'SPF', 'PTR', 'CNAME', 'NS', 'TLSA'];

function findEntry(zone: Zone, name: string): ZoneEntry | undefined {
  const key = normalizeName(name);
  if (Object.prototype.hasOwnProperty.call(zone, key)) return zone[key];
  for (const k of Object.keys(zone)) if (normalizeName(k) === key) return zone[k];
  return undefined;
}

function recordsOf(name: string, entry: ZoneEntry, type: RRTypeName): ResourceRecord[] {
  const ttl = entry.ttl ?? DEFAULT_TTL;
  switch (type) {
    case 'A':
    case 'AAAA':
    case 'PTR':
    case 'NS':
      return (entry[type] ?? []).map(v => makeRecord(name, type, v, ttl));
    case 'MX':
      return (entry.MX ?? []).map(v => makeRecord(name, 'MX', v, ttl));
    case 'TXT':
    case 'SPF':
      return (entry[type] ?? []).map(v => makeRecord(name, type, Array.isArray(v) ? v : [v], ttl));
    case 'CNAME':
      return entry.CNAME ? [makeRecord(name, 'CNAME', entry.CNAME, ttl)] : [];
    case 'TLSA':
      return (entry.TLSA ?? []).map(v => makeRecord(name, 'TLSA', v, ttl));
    default:
      return [];
  }
}

interface Answer {
  /** undefined = do not answer */
  response?: DnsMessage;
  delayMs: number;
}

function answer(zone: Zone, query: DnsMessage): Answer {
  const q = query.questions[0]!;
  const resp: DnsMessage = {
    id: query.id,
    flags: defaultFlags({ qr: true, opcode: query.flags.opcode, aa: true, rd: query.flags.rd, ra: true }),
    questions: [{ ...q }],
    answers: [],
    authorities: [],
    additionals: [],
  };
  if (getOpt(query)) resp.additionals.push(makeOpt(1232));

  const typeName = typeToName(q.type) as RRTypeName;
  let name = q.name;
  let entry = findEntry(zone, name);
  let delayMs = entry?.delayMs ?? 0;
  let ad = entry?.ad ?? false;
  for (let hop = 0; ; hop++) {
    if (!entry) {
      resp.flags.rcode = RCode.NXDOMAIN;
      break;
    }
    if (entry.timeout) return { delayMs };
    if (entry.rcode) {
      resp.flags.rcode = RCode[entry.rcode];
      break;
    }
    if (entry.CNAME && typeName !== 'CNAME' && q.type !== RRType.ANY) {
      resp.answers.push(...recordsOf(name, entry, 'CNAME'));
      if (hop >= MAX_CNAME_HOPS) {
        resp.flags.rcode = RCode.SERVFAIL;
        break;
      }
      name = entry.CNAME;
      entry = findEntry(zone, name);
      if (entry) {
        delayMs = Math.max(delayMs, entry.delayMs ?? 0);
        ad = ad && (entry.ad ?? false);
      }
      continue;
    }
    if (q.type === RRType.ANY) {
      for (const t of RECORD_TYPES) resp.answers.push(...recordsOf(name, entry, t));
    } else if (RECORD_TYPES.includes(typeName)) {
      resp.answers.push(...recordsOf(name, entry, typeName));
    }
    break;
  }
  resp.flags.ad = ad && resp.flags.rcode === RCode.NOERROR;
  return { response: resp, delayMs };
}

function formErr(buf: Buffer): Buffer | undefined {
  if (buf.length < 12) return undefined;
  const out = Buffer.alloc(12);
  buf.copy(out, 0, 0, 2); // id
  out.writeUInt16BE(0x8000 | (buf.readUInt16BE(2) & 0x7800) | RCode.FORMERR, 2);
  return out;
}

export async function startDnsServer(zone: Zone = {}, options: DnsServerOptions = {}): Promise<TestDnsServer> {
  const host = '127.0.0.1';
  const queries: DnsQueryLog[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let closed = false;

  /** Build the reply for one raw query; calls `send` (possibly later) unless it must stay unanswered. */
  const handle = (raw: Buffer, transport: 'udp' | 'tcp', send: (out: Buffer) => void): void => {
    let query: DnsMessage;
    try {
      query = decodeMessage(raw);
    } catch {
      const fe = formErr(raw);
      if (fe) send(fe);
      return;
    }
    if (query.flags.qr) return; // not a query
    if (query.questions.length !== 1) {
      const fe = formErr(raw);
      if (fe) send(fe);
      return;
    }
    const q = query.questions[0]!;
    queries.push({ name: normalizeName(q.name), type: typeToName(q.type), transport });
    let result: Answer;
    if (query.flags.opcode !== 0 || q.class !== CLASS_IN) {
      result = {
        delayMs: 0,
        response: {
          id: query.id,
          flags: defaultFlags({ qr: true, opcode: query.flags.opcode, rd: query.flags.rd, rcode: RCode.NOTIMP }),
          questions: query.questions,
          answers: [],
          authorities: [],
          additionals: [],
        },
      };
    } else {
      result = answer(zone, query);
    }
    const response = result.response;
    if (!response) return;
    let out = encodeMessage(response);
    if (transport === 'udp') {
      const opt = getOpt(query);
      const base = options.maxUdpSize ?? 512;
      const limit = opt && options.honorEdns !== false ? Math.max(base, Math.min(opt.udpSize, 65535)) : base;
      if (out.length > limit) {
        response.flags.tc = true;
        response.answers = [];
        response.authorities = [];
        response.additionals = response.additionals.filter(rr => rr.data.type === 'OPT');
        out = encodeMessage(response);
      }
    }
    if (result.delayMs > 0) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!closed) send(out);
      }, result.delayMs);
      timers.add(t);
    } else {
      send(out);
    }
  };

  // Bind UDP on an ephemeral port, then TCP on the same port (retry if the TCP port is taken).
  for (let attempt = 0; ; attempt++) {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    const port = udp.address().port;
    const tcp = net.createServer(socket => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      let pending = Buffer.alloc(0);
      socket.on('data', chunk => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2) {
          const len = pending.readUInt16BE(0);
          if (pending.length < 2 + len) break;
          const msg = pending.subarray(2, 2 + len);
          pending = pending.subarray(2 + len);
          handle(Buffer.from(msg), 'tcp', out => {
            if (socket.destroyed) return;
            const frame = Buffer.alloc(2 + out.length);
            frame.writeUInt16BE(out.length, 0);
            out.copy(frame, 2);
            socket.write(frame);
          });
        }
      });
    });
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      udp.close();
      if (attempt < 20) continue;
      throw err;
    }

    udp.on('message', (msg, rinfo) => {
      handle(msg, 'udp', out => {
        if (!closed) udp.send(out, rinfo.port, rinfo.address);
      });
    });
    udp.on('error', () => {
      /* ignore in tests */
    });

    return {
      host,
      port,
      address: `${host}:${port}`,
      zone,
      queries,
      close: async () => {
        if (closed) return;
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        await Promise.all([
          new Promise<void>(resolve => udp.close(() => resolve())),
          new Promise<void>(resolve => tcp.close(() => resolve())),
        ]);
      },
    };
  }
}

let emptyServer: Promise<TestDnsServer> | null = null;

/**
 * A DNS server with no records (NXDOMAIN for every name), shared by this test process: nodes that
 * a test did not give its own DNS use it, so no test ever depends on the machine's resolver (whose
 * real answers, e.g. a p=reject DMARC record for example.org, would change what a test sees).
 */
export function emptyDnsServer(): Promise<TestDnsServer> {
  return (emptyServer ??= startDnsServer({}));
}
