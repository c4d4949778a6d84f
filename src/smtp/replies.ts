// SMTP replies with their RFC 3463 enhanced status codes. smtp-server only knows one enhanced code
// per reply code (550 is always 5.1.1), so a reply that names its own code ("5.7.1 Relaying
// denied") is sent as written, and the library's own texts that we must answer differently
// (AUTH before TLS: 538 5.7.11, RFC 3207/4954) are rewritten here, in one place.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { SmtpReplyError } from '../util/errors.js';

export interface ReplyError extends Error { responseCode: number }

export function reply(code: number, enhanced: string, text: string): ReplyError {
  const err = new Error(`${enhanced} ${text}`) as ReplyError;
  err.responseCode = code;
  return err;
}

export function fromSmtpReplyError(e: SmtpReplyError): ReplyError {
  return reply(e.code, e.enhanced, e.text);
}

const ENHANCED_PREFIX = /^[245]\.\d{1,3}\.\d{1,3} /;

const LIBRARY_REWRITES: Array<[RegExp, number, string]> = [
  [/^Error: Must issue a STARTTLS command first/, 538, '5.7.11 Encryption required: use STARTTLS (or port 465) before AUTH'],
  [/^Error: authentication Required/i, 530, '5.7.0 Authentication required'],
];

let patched = false;

/** Installs the reply rewriting on smtp-server's connection class (idempotent). */
export function installReplyPatch(): void {
  if (patched) return;
  patched = true;
  const proto = (SMTPConnection as { prototype: { send: (...a: unknown[]) => void } }).prototype;
  const original = proto.send;
  proto.send = function patchedSend(this: unknown, code: unknown, data: unknown, context: unknown) {
    if (typeof data === 'string') {
      for (const [re, newCode, text] of LIBRARY_REWRITES) {
        if (re.test(data)) return original.call(this, newCode, text, false);
      }
      if (ENHANCED_PREFIX.test(data)) return original.call(this, code, data, false);
    }
    return original.call(this, code, data, context);
  };
}
