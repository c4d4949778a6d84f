// Serialise ENVELOPE and BODY/BODYSTRUCTURE data to IMAP syntax
// (RFC 3501 section 9 / RFC 9051 section 9 formal syntax).
//
// The result is a JS string meant to be written to the socket as UTF-8:
// literal lengths count UTF-8 octets. Header text that was not valid UTF-8
// was kept as latin1 characters and is re-encoded as UTF-8 here.
import type { BodyStructure } from './bodystructure.js';
import type { Envelope, EnvelopeAddress } from './envelope.js';
import type { Disposition, Param } from './headers.js';

/**
 * An IMAP string: quoted when possible (7-bit, no CR/LF; '"' and '\' are
 * escaped as quoted-pairs), otherwise a literal {n}\r\n... (CR, LF, 8-bit).
 * NUL is not allowed in either form (CHAR8 excludes it) and is dropped.
 */
export function imapString(s: string): string {
  const v = s.includes('\0') ? s.replace(/\0/g, '') : s;
  if (/^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(v)) return '"' + v.replace(/(["\\])/g, '\\$1') + '"';
  return `{${Buffer.byteLength(v, 'utf8')}}\r\n${v}`;
}

export function imapNString(s: string | null | undefined): string {
  return s === null || s === undefined ? 'NIL' : imapString(s);
}

function formatAddress(a: EnvelopeAddress): string {
  return `(${imapNString(a.name)} ${imapNString(a.adl)} ${imapNString(a.mailbox)} ${imapNString(a.host)})`;
}

function formatAddressList(list: EnvelopeAddress[] | null): string {
  return list && list.length ? '(' + list.map(formatAddress).join('') + ')' : 'NIL';
}

/** ENVELOPE: (date subject from sender reply-to to cc bcc in-reply-to message-id). */
export function formatEnvelope(env: Envelope): string {
  return (
    '(' +
    [
      imapNString(env.date),
      imapNString(env.subject),
      formatAddressList(env.from),
      formatAddressList(env.sender),
      formatAddressList(env.replyTo),
      formatAddressList(env.to),
      formatAddressList(env.cc),
      formatAddressList(env.bcc),
      imapNString(env.inReplyTo),
      imapNString(env.messageId),
    ].join(' ') +
    ')'
  );
}

function formatParams(params: Param[] | null): string {
  if (!params || params.length === 0) return 'NIL';
  return '(' + params.map(([k, v]) => `${imapString(k)} ${imapString(v)}`).join(' ') + ')';
}

function formatDisposition(d: Disposition | null): string {
  return d ? `(${imapString(d.type)} ${formatParams(d.params)})` : 'NIL';
}

function formatLanguage(l: string[] | null): string {
  return l && l.length ? '(' + l.map(imapString).join(' ') + ')' : 'NIL';
}

/**
 * BODY (extended: false) or BODYSTRUCTURE (extended: true). Extension data
 * is always written in full (md5/params, disposition, language, location),
 * as Dovecot does.
 */
export function formatBodyStructure(bs: BodyStructure, opts: { extended: boolean }): string {
  const ext = opts.extended;
  if (bs.multipart) {
    let s = '(' + bs.parts.map((p) => formatBodyStructure(p, opts)).join('') + ' ' + imapString(bs.subtype);
    if (ext) {
      s += ` ${formatParams(bs.params)} ${formatDisposition(bs.disposition)} ${formatLanguage(bs.language)} ${imapNString(bs.location)}`;
    }
    return s + ')';
  }
  let s =
    `(${imapString(bs.type)} ${imapString(bs.subtype)} ${formatParams(bs.params)} ` +
    `${imapNString(bs.id)} ${imapNString(bs.description)} ${imapString(bs.encoding)} ${bs.size}`;
  if (bs.message) s += ` ${formatEnvelope(bs.message.envelope)} ${formatBodyStructure(bs.message.body, opts)}`;
  if (bs.lines !== null) s += ` ${bs.lines}`;
  if (ext) {
    s += ` ${imapNString(bs.md5)} ${formatDisposition(bs.disposition)} ${formatLanguage(bs.language)} ${imapNString(bs.location)}`;
  }
  return s + ')';
}
