// The Authentication-Results header field (RFC 8601): written by us, and the ones that arrive
// claiming to be ours removed (5: a forged result must not reach the reader or a filter).
import type { AuthResults } from './types.js';
import { headerBlockEnd } from '../delivery/headers.js';

type Parts = Omit<AuthResults, 'header' | 'verdict'>;

export function authenticationResultsHeader(authservId: string, r: Parts): string {
  const entries: string[] = [];
  entries.push(resinfo('spf', r.spf.result, r.spf.reason, [[r.spf.identity === 'helo' ? 'smtp.helo' : 'smtp.mailfrom', r.spf.value]]));
  if (r.helo) entries.push(resinfo('spf', r.helo.result, r.helo.reason, [['smtp.helo', r.helo.value]]));
  for (const d of r.dkim) {
    entries.push(
      d.result === 'none'
        ? resinfo('dkim', 'none', d.reason, [])
        : resinfo('dkim', d.result, d.reason, [['header.d', d.domain], ['header.s', d.selector], ['header.a', d.algorithm], ['header.b', d.b]]),
    );
  }
  entries.push(resinfo('dmarc', r.dmarc.result, r.dmarc.reason, [['header.from', r.dmarc.fromDomain], ['policy.dmarc', r.dmarc.appliedPolicy ?? '']]));
  entries.push(resinfo('arc', r.arc.result, r.arc.reason, []));
  return `Authentication-Results: ${authservId};\r\n\t${entries.join(';\r\n\t')}\r\n`;
}

function resinfo(method: string, result: string, reason: string, props: Array<[string, string]>): string {
  const parts = [`${method}=${result}`];
  if (reason) parts.push(comment(reason));
  for (const [k, v] of props) if (v) parts.push(`${k}=${pvalue(v)}`);
  return parts.join(' ');
}

/** A comment: no line breaks or control characters, parentheses and backslashes escaped. */
function comment(text: string): string {
  const clean = text.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  return `(${clean.replace(/[()\\]/g, (c) => `\\${c}`)})`;
}

const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;
const ADDR = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9.-]+$/;

/** RFC 8601 pvalue: a token, an addr-spec, or else a quoted-string (UTF-8 allowed, RFC 6532). */
function pvalue(v: string): string {
  if (TOKEN.test(v) || ADDR.test(v)) return v;
  return `"${v.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Removes Authentication-Results fields whose authserv-id is ours (compared case-insensitively,
 * a trailing dot, a version, comments and folding ignored); others stay. Returns the new bytes and
 * how many fields went.
 */
export function removeOwnResults(raw: Buffer, authservId: string): { raw: Buffer; removed: number } {
  const end = headerBlockEnd(raw);
  const head = raw.subarray(0, end).toString('latin1');
  const lines = head.split(/(?<=\n)/);
  const fields: string[][] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1]!.push(line);
    else fields.push([line]);
  }
  const ours = normalizeId(authservId);
  let removed = 0;
  const kept = fields.filter((f) => {
    const text = f.join('');
    const m = /^authentication-results[ \t]*:/i.exec(text);
    if (!m) return true;
    const id = authservIdOf(text.slice(m[0].length));
    if (id !== null && normalizeId(id) === ours) {
      removed++;
      return false;
    }
    return true;
  });
  if (!removed) return { raw, removed };
  return { raw: Buffer.concat([Buffer.from(kept.flat().join(''), 'latin1'), raw.subarray(end)]), removed };
}

const normalizeId = (s: string) => s.toLowerCase().replace(/\.$/, '');

/** The authserv-id at the start of a field value: after CFWS, a token or quoted-string. */
export function authservIdOf(value: string): string | null {
  let i = 0;
  const skipCfws = () => {
    for (;;) {
      while (i < value.length && /[ \t\r\n]/.test(value[i]!)) i++;
      if (value[i] !== '(') return;
      let depth = 0;
      for (; i < value.length; i++) {
        const c = value[i];
        if (c === '\\') i++;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) {
          i++;
          break;
        }
      }
    }
  };
  skipCfws();
  if (value[i] === '"') {
    let out = '';
    for (i++; i < value.length && value[i] !== '"'; i++) {
      if (value[i] === '\\') i++;
      if (i < value.length && value[i] !== '\r' && value[i] !== '\n') out += value[i];
    }
    return out.trim() || null;
  }
  const m = /^[^\s;()"]+/.exec(value.slice(i));
  return m ? m[0] : null;
}
