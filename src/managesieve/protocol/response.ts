// ManageSieve responses (RFC 5804 4): OK / NO / BYE with an optional response code and text,
// strings as quoted strings when they can be, literals `{n}` otherwise. Pure code.

/** RFC 5804 1.3 response codes (QUOTA and its subcodes, ACTIVE, ...), or TAG/SASL with their data. */
export type ResponseCode =
  | 'AUTH-TOO-WEAK'
  | 'ENCRYPT-NEEDED'
  | 'QUOTA'
  | 'QUOTA/MAXSCRIPTS'
  | 'QUOTA/MAXSIZE'
  | 'TRANSITION-NEEDED'
  | 'TRYLATER'
  | 'ACTIVE'
  | 'NONEXISTENT'
  | 'ALREADYEXISTS'
  | 'WARNINGS'
  | { tag: Buffer }
  | { sasl: Buffer };

const MAX_QUOTED = 1024;

/** A string as the grammar allows: quoted when short and single-line, else a literal `{n}`. */
export function string(value: string | Buffer): string | Buffer {
  const b = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  if (b.length <= MAX_QUOTED && !b.includes(0x0d) && !b.includes(0x0a) && !b.includes(0x00)) {
    return `"${b.toString('utf8').replace(/[\\"]/g, (c) => '\\' + c)}"`;
  }
  return Buffer.concat([Buffer.from(`{${b.length}}\r\n`), b]);
}

function code(c: ResponseCode): string {
  if (typeof c === 'string') return `(${c})`;
  if ('tag' in c) return `(TAG ${asText(string(c.tag))})`;
  return `(SASL ${asText(string(c.sasl.toString('base64')))})`;
}

const asText = (s: string | Buffer) => (typeof s === 'string' ? s : s.toString('utf8'));

function reply(kind: 'OK' | 'NO' | 'BYE', text?: string, c?: ResponseCode): Buffer {
  const parts: Array<string | Buffer> = [kind];
  if (c) parts.push(' ', code(c));
  if (text !== undefined) parts.push(' ', string(text));
  parts.push('\r\n');
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}

export const ok = (text?: string, c?: ResponseCode) => reply('OK', text, c);
export const no = (text?: string, c?: ResponseCode) => reply('NO', text, c);
export const bye = (text?: string, c?: ResponseCode) => reply('BYE', text, c);

/** One capability line: `"NAME"` or `"NAME" "value"` (RFC 5804 1.7). */
export function capabilityLine(name: string, value?: string): Buffer {
  return Buffer.from(`${asText(string(name))}${value === undefined ? '' : ' ' + asText(string(value))}\r\n`, 'utf8');
}

/** A SASL server challenge (RFC 5804 2.1): a base64 string on its own line. */
export const challenge = (data: Buffer) => Buffer.from(`${asText(string(data.toString('base64')))}\r\n`);

/** One LISTSCRIPTS line (RFC 5804 2.7). */
export function listLine(name: string, active: boolean): Buffer {
  return Buffer.concat([Buffer.from(string(name) as string | Buffer), Buffer.from(active ? ' ACTIVE\r\n' : '\r\n')]);
}

/** GETSCRIPT's answer before its OK: the script as a literal (RFC 5804 2.9). */
export function scriptLiteral(content: string | Buffer): Buffer {
  const b = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return Buffer.concat([Buffer.from(`{${b.length}}\r\n`), b, Buffer.from('\r\n')]);
}
