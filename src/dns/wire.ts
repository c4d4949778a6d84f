/**
 * DNS wire format (RFC 1035 + EDNS0 RFC 6891) encoder/decoder.
 *
 * Pure code, no I/O. Used by the test DNS server and by the resolver's own small
 * client (for record types node:dns cannot resolve on Node 20, e.g. TLSA).
 *
 * Safety: the decoder never reads out of bounds; every malformed input ends in
 * a `WireFormatError` (never a RangeError or a hang). Name decompression only
 * follows pointers that point strictly backwards, with a hop limit and the
 * RFC 1035 limits of 63 bytes per label and 255 bytes per name.
 *
 * Names are presented as dotted strings without the trailing dot (root is '').
 * Label bytes outside printable ASCII, and '.' or '\\' inside a label, use the
 * master-file escapes `\DDD` / `\.` / `\\`, so any wire name round-trips.
 */

import { isIPv4, isIPv6 } from 'node:net';

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

/** Resource record type numbers we know by name. */
export const RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  TLSA: 52,
  SPF: 99,
  ANY: 255,
} as const;
export type RRTypeName = keyof typeof RRType;

const TYPE_NAMES = new Map<number, RRTypeName>(
  (Object.entries(RRType) as Array<[RRTypeName, number]>).map(([k, v]) => [v, k]),
);

/** 'MX' -> 15, 'TYPE65' -> 65; undefined when unknown. */
export function typeFromName(name: string): number | undefined {
  const up = name.toUpperCase();
  if (up in RRType) return RRType[up as RRTypeName];
  const m = /^TYPE(\d{1,5})$/.exec(up);
  if (m) {
    const n = Number(m[1]);
    if (n <= 0xffff) return n;
  }
  return undefined;
}

/** 15 -> 'MX', 65 -> 'TYPE65'. */
export function typeToName(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

export const RCode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;
export type RCodeName = keyof typeof RCode;

export function rcodeToName(rcode: number): string {
  for (const [k, v] of Object.entries(RCode)) if (v === rcode) return k;
  return `RCODE${rcode}`;
}

export const CLASS_IN = 1;

export interface MxData {
  priority: number;
  exchange: string;
}
export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}
export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}
export interface TlsaData {
  /** certificate usage (0..3) */
  usage: number;
  /** selector (0 = full cert, 1 = SPKI) */
  selector: number;
  /** matching type (0 = full, 1 = SHA-256, 2 = SHA-512) */
  mtype: number;
  cert: Buffer;
}
export interface EdnsOption {
  code: number;
  data: Buffer;
}
/** OPT pseudo-record data. The OPT "class" is the UDP payload size, "ttl" holds ext-rcode/version/flags. */
export interface OptData {
  udpSize: number;
  extendedRcode: number;
  version: number;
  /** DNSSEC OK bit */
  do: boolean;
  options: EdnsOption[];
}

export type RecordData =
  | { type: 'A'; address: string }
  | { type: 'AAAA'; address: string }
  | { type: 'NS' | 'CNAME' | 'PTR'; name: string }
  | { type: 'MX'; value: MxData }
  | { type: 'TXT' | 'SPF'; strings: string[] }
  | { type: 'SOA'; value: SoaData }
  | { type: 'SRV'; value: SrvData }
  | { type: 'TLSA'; value: TlsaData }
  | { type: 'OPT'; value: OptData }
  | { type: 'RAW'; rrtype: number; data: Buffer };

export interface ResourceRecord {
  name: string;
  /** numeric type, e.g. RRType.MX */
  type: number;
  /** numeric class, normally CLASS_IN (for OPT: the UDP payload size) */
  class: number;
  ttl: number;
  data: RecordData;
}

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface MessageFlags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** authentic data (DNSSEC validated) */
  ad: boolean;
  /** checking disabled */
  cd: boolean;
  rcode: number;
}

export interface DnsMessage {
  id: number;
  flags: MessageFlags;
  questions: Question[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  additionals: ResourceRecord[];
}

export const MAX_LABEL_LENGTH = 63;
export const MAX_NAME_LENGTH = 255; // wire octets, including length bytes and the root label
export const MAX_POINTER_HOPS = 64;
export const MAX_CHARSTRING_LENGTH = 255;

export function defaultFlags(partial: Partial<MessageFlags> = {}): MessageFlags {
  return { qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0, ...partial };
}

/** Canonical form used for comparisons/keys: lower case, no trailing dot. */
export function normalizeName(name: string): string {
  let n = name.trim();
  if (n.endsWith('.') && !n.endsWith('\\.')) n = n.slice(0, -1);
  return n.toLowerCase();
}

/** Reverse lookup name for an IPv4/IPv6 address ('1.2.3.4' -> '4.3.2.1.in-addr.arpa'). */
export function reverseName(ip: string): string {
  if (isIPv4(ip)) return ip.split('.').reverse().join('.') + '.in-addr.arpa';
  if (isIPv6(ip)) {
    const hex = expandIPv6(ip).replace(/:/g, '');
    return hex.split('').reverse().join('.') + '.ip6.arpa';
  }
  throw new WireFormatError(`Not an IP address: ${ip}`);
}

// ---------------------------------------------------------------------------
// Names (presentation <-> labels)
// ---------------------------------------------------------------------------

/** Split a presentation-format name into raw label byte arrays. */
export function nameToLabels(name: string): Buffer[] {
  if (name === '' || name === '.') return [];
  const labels: Buffer[] = [];
  let cur: number[] = [];
  const src = Buffer.from(name, 'utf8');
  let i = 0;
  const flush = () => {
    if (cur.length === 0) throw new WireFormatError(`Empty label in name "${name}"`);
    if (cur.length > MAX_LABEL_LENGTH) throw new WireFormatError(`Label longer than ${MAX_LABEL_LENGTH} bytes in "${name}"`);
    labels.push(Buffer.from(cur));
    cur = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === 0x5c /* \ */) {
      const d = src.subarray(i + 1, i + 4).toString('latin1');
      if (/^\d{3}$/.test(d)) {
        const v = Number(d);
        if (v > 255) throw new WireFormatError(`Bad escape \\${d} in "${name}"`);
        cur.push(v);
        i += 4;
      } else if (i + 1 < src.length) {
        cur.push(src[i + 1]!);
        i += 2;
      } else {
        throw new WireFormatError(`Dangling escape in "${name}"`);
      }
    } else if (c === 0x2e /* . */) {
      flush();
      i++;
      if (i === src.length) break; // trailing dot
    } else {
      cur.push(c);
      i++;
    }
  }
  if (cur.length) flush();
  const wireLen = labels.reduce((n, l) => n + l.length + 1, 1);
  if (wireLen > MAX_NAME_LENGTH) throw new WireFormatError(`Name longer than ${MAX_NAME_LENGTH} bytes: "${name}"`);
  return labels;
}

function labelToString(label: Buffer): string {
  let out = '';
  for (const b of label) {
    if (b === 0x2e) out += '\\.';
    else if (b === 0x5c) out += '\\\\';
    else if (b > 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\' + String(b).padStart(3, '0');
  }
  return out;
}

// ---------------------------------------------------------------------------
// Encoder
// ---------------------------------------------------------------------------

class Writer {
  private buf = Buffer.alloc(512);
  length = 0;
  /** suffix (lower-cased presentation) -> offset, for compression */
  private names = new Map<string, number>();
  constructor(private readonly compress: boolean) {}

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const nb = Buffer.alloc(size);
    this.buf.copy(nb, 0, 0, this.length);
    this.buf = nb;
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf.writeUInt8(v & 0xff, this.length);
    this.length += 1;
  }
  u16(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.length);
    this.length += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.length);
    this.length += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  setU16(offset: number, v: number): void {
    this.buf.writeUInt16BE(v & 0xffff, offset);
  }
  name(name: string, allowCompression = true): void {
    const labels = nameToLabels(name);
    for (let i = 0; i < labels.length; i++) {
      const key = labels
        .slice(i)
        .map(l => labelToString(l).toLowerCase())
        .join('.');
      if (this.compress && allowCompression) {
        const ptr = this.names.get(key);
        if (ptr !== undefined) {
          this.u16(0xc000 | ptr);
          return;
        }
      }
      if (this.compress && this.length < 0x4000 && !this.names.has(key)) this.names.set(key, this.length);
      this.u8(labels[i]!.length);
      this.bytes(labels[i]!);
    }
    this.u8(0);
  }
  /** character-string(s): each chunk <= 255 bytes, split on UTF-8 character boundaries */
  charStrings(s: string): void {
    for (const chunk of splitCharString(s)) {
      this.u8(chunk.length);
      this.bytes(chunk);
    }
  }
  result(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.length));
  }
}

/** Split a string into <=255-byte UTF-8 chunks without cutting a multi-byte character. */
export function splitCharString(s: string): Buffer[] {
  const b = Buffer.from(s, 'utf8');
  if (b.length <= MAX_CHARSTRING_LENGTH) return [b];
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < b.length) {
    let end = Math.min(pos + MAX_CHARSTRING_LENGTH, b.length);
    if (end < b.length) {
      // back off while the byte at `end` is a UTF-8 continuation byte
      let e = end;
      while (e > pos && (b[e]! & 0xc0) === 0x80) e--;
      if (e > pos) end = e;
    }
    out.push(b.subarray(pos, end));
    pos = end;
  }
  return out;
}

function ipv4Bytes(address: string): Buffer {
  if (!isIPv4(address)) throw new WireFormatError(`Bad IPv4 address ${address}`);
  return Buffer.from(address.split('.').map(Number));
}

function expandIPv6(address: string): string {
  let a = address.split('%')[0]!; // drop any zone id
  // embedded IPv4 tail
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const b = ipv4Bytes(v4[1]!);
    a = a.slice(0, -v4[1]!.length) + ((b[0]! << 8) | b[1]!).toString(16) + ':' + ((b[2]! << 8) | b[3]!).toString(16);
  }
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array(fill).fill('0'), ...t];
  return groups.map(g => g.padStart(4, '0')).join(':');
}

function ipv6Bytes(address: string): Buffer {
  if (!isIPv6(address) || address.includes('%')) throw new WireFormatError(`Bad IPv6 address ${address}`);
  return Buffer.from(expandIPv6(address).replace(/:/g, ''), 'hex');
}

function ipv6ToString(b: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i]! << 8) | b[i + 1]!);
  // RFC 5952: compress the longest run (>=2) of zero groups
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] === 0) {
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i >= 2) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    } else i++;
  }
  const hex = groups.map(g => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

function writeRecord(w: Writer, rr: ResourceRecord): void {
  w.name(rr.name);
  w.u16(rr.type);
  const d = rr.data;
  if (d.type === 'OPT') {
    w.u16(d.value.udpSize);
    w.u8(d.value.extendedRcode);
    w.u8(d.value.version);
    w.u16(d.value.do ? 0x8000 : 0);
  } else {
    w.u16(rr.class);
    w.u32(rr.ttl);
  }
  const lenAt = w.length;
  w.u16(0);
  const start = w.length;
  switch (d.type) {
    case 'A':
      w.bytes(ipv4Bytes(d.address));
      break;
    case 'AAAA':
      w.bytes(ipv6Bytes(d.address));
      break;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      w.name(d.name);
      break;
    case 'MX':
      w.u16(d.value.priority);
      w.name(d.value.exchange);
      break;
    case 'TXT':
    case 'SPF':
      if (d.strings.length === 0) w.u8(0);
      for (const s of d.strings) w.charStrings(s);
      break;
    case 'SOA':
      w.name(d.value.mname);
      w.name(d.value.rname);
      w.u32(d.value.serial);
      w.u32(d.value.refresh);
      w.u32(d.value.retry);
      w.u32(d.value.expire);
      w.u32(d.value.minimum);
      break;
    case 'SRV':
      w.u16(d.value.priority);
      w.u16(d.value.weight);
      w.u16(d.value.port);
      w.name(d.value.target, false); // RFC 2782: no compression
      break;
    case 'TLSA':
      w.u8(d.value.usage);
      w.u8(d.value.selector);
      w.u8(d.value.mtype);
      w.bytes(d.value.cert);
      break;
    case 'OPT':
      for (const o of d.value.options) {
        w.u16(o.code);
        w.u16(o.data.length);
        w.bytes(o.data);
      }
      break;
    case 'RAW':
      w.bytes(d.data);
      break;
  }
  const rdlen = w.length - start;
  if (rdlen > 0xffff) throw new WireFormatError('RDATA too long');
  w.setU16(lenAt, rdlen);
}

export interface EncodeOptions {
  /** use name compression (default true) */
  compress?: boolean;
}

export function encodeMessage(msg: DnsMessage, opts: EncodeOptions = {}): Buffer {
  const w = new Writer(opts.compress !== false);
  const f = msg.flags;
  w.u16(msg.id);
  w.u16(
    (f.qr ? 0x8000 : 0) |
      ((f.opcode & 0xf) << 11) |
      (f.aa ? 0x0400 : 0) |
      (f.tc ? 0x0200 : 0) |
      (f.rd ? 0x0100 : 0) |
      (f.ra ? 0x0080 : 0) |
      (f.ad ? 0x0020 : 0) |
      (f.cd ? 0x0010 : 0) |
      (f.rcode & 0xf),
  );
  w.u16(msg.questions.length);
  w.u16(msg.answers.length);
  w.u16(msg.authorities.length);
  w.u16(msg.additionals.length);
  for (const q of msg.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class);
  }
  for (const rr of msg.answers) writeRecord(w, rr);
  for (const rr of msg.authorities) writeRecord(w, rr);
  for (const rr of msg.additionals) writeRecord(w, rr);
  return w.result();
}

/** Build record data from a type name and a plain JS value (used by zone files/tests). */
export function makeRecord(name: string, type: RRTypeName, value: unknown, ttl = 300): ResourceRecord {
  const rrtype = RRType[type];
  let data: RecordData;
  switch (type) {
    case 'A':
    case 'AAAA':
      data = { type, address: String(value) };
      break;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      data = { type, name: String(value) };
      break;
    case 'MX':
      data = { type, value: value as MxData };
      break;
    case 'TXT':
    case 'SPF':
      data = { type, strings: Array.isArray(value) ? value.map(String) : [String(value)] };
      break;
    case 'SOA':
      data = { type, value: value as SoaData };
      break;
    case 'SRV':
      data = { type, value: value as SrvData };
      break;
    case 'TLSA': {
      const v = value as Omit<TlsaData, 'cert'> & { cert: Buffer | string };
      data = { type, value: { ...v, cert: typeof v.cert === 'string' ? Buffer.from(v.cert, 'hex') : v.cert } };
      break;
    }
    default:
      throw new WireFormatError(`makeRecord: unsupported type ${type}`);
  }
  return { name, type: rrtype, class: CLASS_IN, ttl, data };
}

// ---------------------------------------------------------------------------
// Decoder
// ---------------------------------------------------------------------------

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new WireFormatError(`Truncated message reading ${what} at offset ${this.pos}`);
    }
  }
  u8(what = 'u8'): number {
    this.need(1, what);
    return this.buf[this.pos++]!;
  }
  u16(what = 'u16'): number {
    this.need(2, what);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(what = 'u32'): number {
    this.need(4, what);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n: number, what = 'bytes'): Buffer {
    this.need(n, what);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  /** Read a (possibly compressed) domain name starting at the current position. */
  name(): string {
    const labels: string[] = [];
    let wireLen = 1; // root
    let pos = this.pos;
    let jumped = false;
    let hops = 0;
    // lowest offset we may jump to next: pointers must go strictly backwards
    let limit = pos;
    for (;;) {
      if (pos >= this.buf.length) throw new WireFormatError(`Truncated name at offset ${pos}`);
      const len = this.buf[pos]!;
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new WireFormatError(`Truncated compression pointer at offset ${pos}`);
        const target = ((len & 0x3f) << 8) | this.buf[pos + 1]!;
        if (target >= limit) throw new WireFormatError(`Compression pointer at ${pos} does not point backwards (${target})`);
        if (++hops > MAX_POINTER_HOPS) throw new WireFormatError('Too many compression pointers');
        if (!jumped) {
          this.pos = pos + 2;
          jumped = true;
        }
        limit = target;
        pos = target;
        continue;
      }
      if ((len & 0xc0) !== 0) throw new WireFormatError(`Unsupported label type 0x${len.toString(16)} at offset ${pos}`);
      if (len === 0) {
        if (!jumped) this.pos = pos + 1;
        break;
      }
      // len <= 63 is guaranteed by the top-bits check
      if (pos + 1 + len > this.buf.length) throw new WireFormatError(`Truncated label at offset ${pos}`);
      wireLen += len + 1;
      if (wireLen > MAX_NAME_LENGTH) throw new WireFormatError(`Name longer than ${MAX_NAME_LENGTH} bytes`);
      labels.push(labelToString(this.buf.subarray(pos + 1, pos + 1 + len)));
      pos += 1 + len;
    }
    return labels.join('.');
  }
}

function readRecord(r: Reader): ResourceRecord {
  const name = r.name();
  const type = r.u16('type');
  const klass = r.u16('class');
  const ttlRaw = r.u32('ttl');
  const rdlen = r.u16('rdlength');
  r.need(rdlen, 'rdata');
  const end = r.pos + rdlen;
  // Sub-reader over the whole buffer (names in RDATA may point anywhere before them),
  // but every fixed-size read must stay inside this record's RDATA.
  const inner = new Reader(r.buf.subarray(0, end), r.pos);
  let data: RecordData;
  const t = TYPE_NAMES.get(type);
  switch (t) {
    case 'A':
      if (rdlen !== 4) throw new WireFormatError(`A record with RDLENGTH ${rdlen}`);
      data = { type: 'A', address: Array.from(inner.bytes(4)).join('.') };
      break;
    case 'AAAA':
      if (rdlen !== 16) throw new WireFormatError(`AAAA record with RDLENGTH ${rdlen}`);
      data = { type: 'AAAA', address: ipv6ToString(inner.bytes(16)) };
      break;
    case 'NS':
    case 'CNAME':
    case 'PTR':
      data = { type: t, name: inner.name() };
      break;
    case 'MX': {
      const priority = inner.u16('MX preference');
      data = { type: 'MX', value: { priority, exchange: inner.name() } };
      break;
    }
    case 'TXT':
    case 'SPF': {
      const strings: string[] = [];
      while (inner.pos < end) {
        const n = inner.u8('TXT length');
        strings.push(inner.bytes(n, 'TXT string').toString('utf8'));
      }
      data = { type: t, strings };
      break;
    }
    case 'SOA': {
      const mname = inner.name();
      const rname = inner.name();
      data = {
        type: 'SOA',
        value: {
          mname,
          rname,
          serial: inner.u32('SOA'),
          refresh: inner.u32('SOA'),
          retry: inner.u32('SOA'),
          expire: inner.u32('SOA'),
          minimum: inner.u32('SOA'),
        },
      };
      break;
    }
    case 'SRV': {
      const priority = inner.u16('SRV');
      const weight = inner.u16('SRV');
      const port = inner.u16('SRV');
      data = { type: 'SRV', value: { priority, weight, port, target: inner.name() } };
      break;
    }
    case 'TLSA': {
      const usage = inner.u8('TLSA');
      const selector = inner.u8('TLSA');
      const mtype = inner.u8('TLSA');
      data = { type: 'TLSA', value: { usage, selector, mtype, cert: Buffer.from(inner.bytes(end - inner.pos, 'TLSA data')) } };
      break;
    }
    case 'OPT': {
      const options: EdnsOption[] = [];
      while (inner.pos < end) {
        const code = inner.u16('EDNS option code');
        const len = inner.u16('EDNS option length');
        options.push({ code, data: Buffer.from(inner.bytes(len, 'EDNS option')) });
      }
      data = {
        type: 'OPT',
        value: {
          udpSize: klass,
          extendedRcode: ttlRaw >>> 24,
          version: (ttlRaw >>> 16) & 0xff,
          do: (ttlRaw & 0x8000) !== 0,
          options,
        },
      };
      break;
    }
    default:
      data = { type: 'RAW', rrtype: type, data: Buffer.from(inner.bytes(rdlen, 'rdata')) };
  }
  if (inner.pos !== end) throw new WireFormatError(`RDATA length mismatch for ${typeToName(type)} record "${name}"`);
  r.pos = end;
  return { name, type, class: klass, ttl: ttlRaw, data };
}

const MAX_RECORDS_PER_SECTION = 4096;

/**
 * Decode a DNS message. Throws WireFormatError on any malformed input
 * (truncation, bad pointers, label/name limits, RDATA length mismatches,
 * trailing garbage is tolerated).
 */
export function decodeMessage(input: Uint8Array): DnsMessage {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < 12) throw new WireFormatError('Message shorter than the 12-byte header');
  const r = new Reader(buf);
  const id = r.u16();
  const fl = r.u16();
  const counts = [r.u16(), r.u16(), r.u16(), r.u16()];
  for (const c of counts) {
    if (c > MAX_RECORDS_PER_SECTION) throw new WireFormatError(`Section count ${c} too large`);
  }
  const flags: MessageFlags = {
    qr: (fl & 0x8000) !== 0,
    opcode: (fl >>> 11) & 0xf,
    aa: (fl & 0x0400) !== 0,
    tc: (fl & 0x0200) !== 0,
    rd: (fl & 0x0100) !== 0,
    ra: (fl & 0x0080) !== 0,
    ad: (fl & 0x0020) !== 0,
    cd: (fl & 0x0010) !== 0,
    rcode: fl & 0xf,
  };
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]!; i++) {
    const name = r.name();
    questions.push({ name, type: r.u16('qtype'), class: r.u16('qclass') });
  }
  const sections: ResourceRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) sections[s]!.push(readRecord(r));
  }
  const msg: DnsMessage = { id, flags, questions, answers: sections[0]!, authorities: sections[1]!, additionals: sections[2]! };
  const opt = getOpt(msg);
  if (opt) msg.flags.rcode |= opt.extendedRcode << 4;
  return msg;
}

/** Decode, returning null instead of throwing for malformed input. */
export function tryDecodeMessage(input: Uint8Array): DnsMessage | null {
  try {
    return decodeMessage(input);
  } catch (err) {
    if (err instanceof WireFormatError) return null;
    throw err;
  }
}

/** The OPT pseudo-record of a message, if any. */
export function getOpt(msg: DnsMessage): OptData | undefined {
  for (const rr of msg.additionals) if (rr.data.type === 'OPT') return rr.data.value;
  return undefined;
}

export function makeOpt(udpSize = 1232, opts: Partial<Omit<OptData, 'udpSize'>> = {}): ResourceRecord {
  const value: OptData = { udpSize, extendedRcode: 0, version: 0, do: false, options: [], ...opts };
  const ttl = ((value.extendedRcode & 0xff) * 0x1000000 + ((value.version & 0xff) << 16) + (value.do ? 0x8000 : 0)) >>> 0;
  return { name: '', type: RRType.OPT, class: udpSize, ttl, data: { type: 'OPT', value } };
}

/** Build a standard recursive query. */
export function buildQuery(
  name: string,
  type: number,
  opts: { id?: number; rd?: boolean; edns?: number | false; ad?: boolean; do?: boolean } = {},
): DnsMessage {
  const id = opts.id ?? Math.floor(Math.random() * 0x10000);
  return {
    id,
    flags: defaultFlags({ rd: opts.rd !== false, ad: opts.ad === true }),
    questions: [{ name, type, class: CLASS_IN }],
    answers: [],
    authorities: [],
    additionals: opts.edns === false ? [] : [makeOpt(opts.edns ?? 1232, { do: opts.do === true })],
  };
}
