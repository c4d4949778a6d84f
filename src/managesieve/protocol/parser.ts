// The ManageSieve command grammar (RFC 5804 4): a framed command (reader.ts) to a typed command.
// Pure code. Every syntax error is a ManageSieveParseError whose text the session sends in a NO
// (RFC 5804 has no BAD: "NO" answers malformed commands too).
import type { Segment } from './reader.js';

export class ManageSieveParseError extends Error {}

export type Item = { kind: 'atom'; text: string } | { kind: 'string'; value: Buffer; literal: boolean };

/** RFC 5804 4: quoted = DQUOTE *1024QUOTED-CHAR DQUOTE. */
export const MAX_QUOTED_OCTETS = 1024;

const isAtomChar = (c: number) => c > 0x20 && c < 0x7f && c !== 0x28 && c !== 0x29 && c !== 0x7b && c !== 0x22 && c !== 0x5c;

function quoted(text: Buffer, start: number): { value: Buffer; end: number } {
  const out: number[] = [];
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw new ManageSieveParseError('Unterminated quoted string');
    const c = text[i]!;
    if (c === 0x22) return { value: Buffer.from(out), end: i + 1 };
    if (c === 0x5c) {
      const n = text[i + 1];
      // QUOTED-CHAR: only \" and \\ are escapes.
      if (n !== 0x22 && n !== 0x5c) throw new ManageSieveParseError('Invalid escape in quoted string (only \\" and \\\\)');
      out.push(n);
      i += 2;
    } else {
      if (c === 0x00 || c === 0x0d) throw new ManageSieveParseError('Invalid character in quoted string');
      out.push(c);
      i++;
    }
    if (out.length > MAX_QUOTED_OCTETS) throw new ManageSieveParseError(`Quoted string longer than ${MAX_QUOTED_OCTETS} octets: use a literal`);
  }
}

/** The items of one command: atoms and strings (quoted or literal), separated by spaces. */
export function tokenize(segments: Segment[]): Item[] {
  const items: Item[] = [];
  // Items are separated by SP; a literal's data ends its segment, so the next one starts with SP.
  let needSpace = false;
  for (const { text, literal } of segments) {
    let i = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === 0x20) {
        needSpace = false;
        i++;
        continue;
      }
      if (needSpace) throw new ManageSieveParseError('Expected a space between arguments');
      needSpace = true;
      if (c === 0x22) {
        const q = quoted(text, i);
        items.push({ kind: 'string', value: q.value, literal: false });
        i = q.end;
      } else if (c === 0x7b) {
        // The reader only attaches a literal to a header that ends its segment.
        if (literal === undefined || !/^\{\d+\+?\}$/.test(text.subarray(i).toString('latin1'))) throw new ManageSieveParseError('Invalid literal');
        items.push({ kind: 'string', value: literal, literal: true });
        i = text.length;
      } else if (isAtomChar(c)) {
        let j = i;
        while (j < text.length && isAtomChar(text[j]!)) j++;
        items.push({ kind: 'atom', text: text.subarray(i, j).toString('latin1') });
        i = j;
      } else throw new ManageSieveParseError('Invalid character in command');
    }
  }
  return items;
}

export type Command =
  | { name: 'CAPABILITY' }
  | { name: 'LOGOUT' }
  | { name: 'STARTTLS' }
  | { name: 'UNAUTHENTICATE' }
  | { name: 'LISTSCRIPTS' }
  | { name: 'NOOP'; tag: Buffer | null }
  | { name: 'AUTHENTICATE'; mechanism: string; initialResponse: Buffer | null }
  | { name: 'PUTSCRIPT'; scriptName: string; script: Buffer }
  | { name: 'GETSCRIPT'; scriptName: string }
  | { name: 'SETACTIVE'; scriptName: string }
  | { name: 'DELETESCRIPT'; scriptName: string }
  | { name: 'RENAMESCRIPT'; oldName: string; newName: string }
  | { name: 'CHECKSCRIPT'; script: Buffer }
  | { name: 'HAVESPACE'; scriptName: string; size: number };

export type CommandName = Command['name'];

const utf8 = new TextDecoder('utf-8', { fatal: true });

function str(item: Item | undefined, what: string): Buffer {
  if (!item || item.kind !== 'string') throw new ManageSieveParseError(`Expected ${what} as a quoted string or a literal`);
  return item.value;
}

/** Script names are UTF-8 (RFC 5804 1.6). */
function name(item: Item | undefined, what = 'a script name'): string {
  try {
    return utf8.decode(str(item, what));
  } catch (e) {
    if (e instanceof ManageSieveParseError) throw e;
    throw new ManageSieveParseError('Script name is not valid UTF-8');
  }
}

/** RFC 5804 4: number = 1*DIGIT, a 32-bit unsigned number. */
function number(item: Item | undefined): number {
  if (!item || item.kind !== 'atom' || !/^\d{1,10}$/.test(item.text) || Number(item.text) > 0xffffffff) {
    throw new ManageSieveParseError('Expected a number (0-4294967295)');
  }
  return Number(item.text);
}

/** Strict base64 (RFC 4648 4), as SASL data must be; '' is an empty response. */
export function decodeBase64(b: Buffer): Buffer {
  const s = b.toString('latin1');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new ManageSieveParseError('Invalid base64 in SASL data');
  return Buffer.from(s, 'base64');
}

const ARITY: Record<CommandName, [number, number]> = {
  CAPABILITY: [0, 0],
  LOGOUT: [0, 0],
  STARTTLS: [0, 0],
  UNAUTHENTICATE: [0, 0],
  LISTSCRIPTS: [0, 0],
  NOOP: [0, 1],
  AUTHENTICATE: [1, 2],
  PUTSCRIPT: [2, 2],
  GETSCRIPT: [1, 1],
  SETACTIVE: [1, 1],
  DELETESCRIPT: [1, 1],
  RENAMESCRIPT: [2, 2],
  CHECKSCRIPT: [1, 1],
  HAVESPACE: [2, 2],
};

export function parseCommand(segments: Segment[]): Command {
  const items = tokenize(segments);
  const head = items[0];
  if (!head) throw new ManageSieveParseError('Empty command');
  if (head.kind !== 'atom') throw new ManageSieveParseError('Expected a command name');
  const cmd = head.text.toUpperCase() as CommandName;
  if (!Object.hasOwn(ARITY, cmd)) throw new ManageSieveParseError(`Unknown command ${head.text.slice(0, 40)}`);
  const args = items.slice(1);
  const [min, max] = ARITY[cmd];
  if (args.length < min || args.length > max) {
    throw new ManageSieveParseError(`${cmd} takes ${min === max ? min : `${min} to ${max}`} argument${min === 1 && max === 1 ? '' : 's'}`);
  }
  switch (cmd) {
    case 'NOOP':
      return { name: cmd, tag: args[0] ? str(args[0], 'a tag') : null };
    case 'AUTHENTICATE': {
      // auth-type is a string; a bare atom is accepted too (some clients send one).
      const m = args[0]!;
      const mechanism = m.kind === 'atom' ? m.text : m.value.toString('latin1');
      return { name: cmd, mechanism: mechanism.toUpperCase(), initialResponse: args[1] ? decodeBase64(str(args[1], 'the initial response')) : null };
    }
    case 'PUTSCRIPT':
      return { name: cmd, scriptName: name(args[0]), script: str(args[1], 'the script') };
    case 'GETSCRIPT':
    case 'SETACTIVE':
    case 'DELETESCRIPT':
      return { name: cmd, scriptName: name(args[0]) };
    case 'RENAMESCRIPT':
      return { name: cmd, oldName: name(args[0], 'the old name'), newName: name(args[1], 'the new name') };
    case 'CHECKSCRIPT':
      return { name: cmd, script: str(args[0], 'the script') };
    case 'HAVESPACE':
      return { name: cmd, scriptName: name(args[0]), size: number(args[1]) };
    default:
      return { name: cmd } as Command;
  }
}

/** A client's answer to a SASL challenge (RFC 5804 2.1): a string of base64, or "*" to cancel. */
export function parseSaslResponse(segments: Segment[]): { cancel: true } | { cancel: false; data: Buffer } {
  const items = tokenize(segments);
  if (items.length !== 1 || items[0]!.kind !== 'string') throw new ManageSieveParseError('Expected the SASL response as one string');
  const v = items[0].value;
  if (v.length === 1 && v[0] === 0x2a) return { cancel: true };
  return { cancel: false, data: decodeBase64(v) };
}
