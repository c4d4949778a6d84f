// What DKIM-Signature, ARC-Message-Signature and ARC-Seal have in common: a tag list header whose
// b= signs the canonical form of some fields followed by the header itself with b= empty.
//
// Folding: relaxed canonicalization turns a fold between tags into the same single space as "; ",
// so those folds may go anywhere. A fold inside a value (h=, b=) stays a space in the canonical
// form, so h= and b= always start on a line of their own and are broken by rules that depend on
// their own value only; then the header with b= empty canonicalizes the same as the header signed.
import crypto, { type KeyObject } from 'node:crypto';
import { relaxedField } from './canon.js';

export type Tag = [name: string, value: string];

export type KeyAlgorithm = 'rsa' | 'ed25519';

const WIDTH = 76;
const B_CHUNK = 72;

function foldList(value: string): string {
  const lines: string[] = [];
  let line = '';
  for (const part of value.split(':')) {
    const piece = line === '' ? part : `:${part}`;
    if (line !== '' && 3 + line.length + piece.length > WIDTH) {
      lines.push(`${line}:`);
      line = part;
    } else line += piece;
  }
  lines.push(line);
  return lines.join('\r\n\t');
}

/**
 * `Name: t1=v1; t2=v2; ...` in the order given, with `b` set to `b` (empty for signing). `foldB`
 * off keeps b= on one line (byte-identical output to signers that do not fold it).
 */
export function formatSignatureHeader(name: string, tags: Tag[], b: string, foldB = true): string {
  let out = `${name}:`;
  tags.forEach(([tag, raw], i) => {
    let value = raw;
    if (tag === 'h') value = foldList(raw);
    else if (tag === 'b') value = foldB ? (b.match(new RegExp(`.{1,${B_CHUNK}}`, 'g')) ?? ['']).join('\r\n\t') : b;
    const token = `${tag}=${value}${i < tags.length - 1 ? ';' : ''}`;
    const firstLine = token.split('\r\n', 1)[0]!;
    const column = out.length - out.lastIndexOf('\n') - 1;
    out += tag === 'h' || tag === 'b' || column + 1 + firstLine.length > WIDTH ? `\r\n\t${token}` : ` ${token}`;
  });
  return out;
}

/** a= value for a key: RFC 6376 rsa-sha256, RFC 8463 ed25519-sha256. */
export const algorithmTag = (alg: KeyAlgorithm) => (alg === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256');

/** RFC 8463 3: Ed25519 signs the SHA-256 hash of the data, RSA signs the data (hashing it itself). */
export function signData(alg: KeyAlgorithm, key: KeyObject, data: Buffer): string {
  if (alg === 'rsa') return crypto.sign('sha256', data, key).toString('base64');
  return crypto.sign(null, crypto.createHash('sha256').update(data).digest(), key).toString('base64');
}

/**
 * The complete signature header: `canonicalFields` is the relaxed form of every covered field,
 * each with its CRLF; the header itself follows with b= empty and no CRLF (RFC 6376 3.7).
 */
export function signedHeader(name: string, tags: Tag[], canonicalFields: string, alg: KeyAlgorithm, key: KeyObject, foldB = true): string {
  const unsigned = relaxedField(formatSignatureHeader(name, tags, '', foldB));
  const b = signData(alg, key, Buffer.from(canonicalFields + unsigned, 'latin1'));
  return formatSignatureHeader(name, tags, b, foldB);
}
