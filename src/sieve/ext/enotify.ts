// enotify (RFC 5435) with the mailto method (RFC 5436): the notify action, valid_notify_method and
// notify_method_capability. Only mailto: is supported; its URI (RFC 6068) is parsed for the
// recipients so the pipeline gets them ready to use.
import type { ScriptCompiler } from '../compiler.js';
import { CONTINUE } from '../runtime.js';
import type { CommandDef, TestDef } from '../spec.js';
import { evalList, evalStr } from '../strings.js';
import type { NotifyAction } from '../types.js';
import { checkRedirectAddress, cleanAddress } from './core.js';

export interface Mailto {
  recipients: string[];
  headers: Array<[string, string]>;
  body: string | null;
}

function pctDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

// RFC 5436 2.2: headers a mailto URI must not set in a notification.
const OPTION = /^[A-Za-z0-9][A-Za-z0-9._-]*=/;

const UNSAFE_HEADERS = new Set(['received', 'return-path', 'auto-submitted', 'from', 'sender', 'message-id', 'date', 'bcc']);

/** Parse a mailto: URI (RFC 6068); null when invalid. */
export function parseMailto(uri: string): Mailto | null {
  const m = /^mailto:([^?]*)(?:\?(.*))?$/i.exec(uri);
  if (!m) return null;
  const recipients: string[] = [];
  const headers: Array<[string, string]> = [];
  let body: string | null = null;
  const addList = (list: string): boolean => {
    for (const part of list.split(',')) {
      const a = pctDecode(part.trim());
      if (a === null) return false;
      if (!a) continue;
      if (checkRedirectAddress(a)) return false;
      recipients.push(cleanAddress(a));
    }
    return true;
  };
  if (!addList(m[1]!)) return null;
  if (m[2]) {
    for (const pair of m[2].split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const k = pctDecode(eq < 0 ? pair : pair.slice(0, eq));
      const v = pctDecode(eq < 0 ? '' : pair.slice(eq + 1));
      if (k === null || v === null) return null;
      const key = k.toLowerCase();
      // RFC 5436 2.2: bcc is not used (Pigeonhole ignores it too).
      if (key === 'to' || key === 'cc') {
        if (!addList(v)) return null;
      } else if (key === 'bcc') continue; else if (key === 'body') body = v;
      else if (!UNSAFE_HEADERS.has(key)) headers.push([k, v]);
    }
  }
  return { recipients, headers, body };
}

/** Why a notification URI cannot be used, or null. */
export function checkMethod(uri: string): string | null {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (!scheme) return 'not a URI';
  if (scheme !== 'mailto') return `unsupported notification method "${scheme}"`;
  return parseMailto(uri) ? null : 'invalid mailto URI';
}

function importanceOf(c: ScriptCompiler, s: string, pos: { line: number; col: number } | null): 1 | 2 | 3 | null {
  if (s === '1' || s === '2' || s === '3') return Number(s) as 1 | 2 | 3;
  if (pos) c.error(pos, `:importance must be "1", "2" or "3", not "${s}"`);
  return null;
}

export const enotifyCommands: Record<string, CommandDef> = {
  notify: {
    kind: 'command', ext: 'enotify',
    tags: {
      from: { value: 'string' },
      importance: { value: 'string' },
      options: { value: 'strings' },
      message: { value: 'string' },
    },
    args: [{ name: 'method', type: 'string' }],
    compile(ch, c) {
      const method = c.str(ch.args[0]);
      if (typeof method === 'string') {
        const problem = checkMethod(method);
        if (problem) c.error(ch.args[0]!.pos, `notify: ${problem}`);
      }
      const from = ch.tags.has('from') ? c.str(ch.tags.get('from')) : null;
      if (typeof from === 'string' && checkRedirectAddress(from)) c.error(ch.tags.get('from')!.pos, `notify :from "${from}" is not a valid address`);
      const imp = ch.tags.has('importance') ? c.str(ch.tags.get('importance')) : '2';
      if (typeof imp === 'string') importanceOf(c, imp, ch.tags.get('importance')?.pos ?? null);
      const options = c.strings(ch.tags.get('options'));
      // RFC 5435 3.6: each option is "name=value".
      if (typeof options !== 'function') {
        for (const o of options) if (!OPTION.test(o)) c.error(ch.tags.get('options')!.pos, `notify :options "${o}" is not of the form name=value`);
      }
      const message = ch.tags.has('message') ? c.str(ch.tags.get('message')) : null;
      return (rt) => {
        const uri = evalStr(rt, method);
        const problem = checkMethod(uri);
        if (problem) rt.fail(`notify: ${problem}`);
        const f = from === null ? null : evalStr(rt, from);
        if (f !== null && checkRedirectAddress(f)) rt.fail(`notify :from "${f}" is not a valid address`);
        const i = evalStr(rt, imp);
        if (i !== '1' && i !== '2' && i !== '3') rt.fail(`:importance must be "1", "2" or "3", not "${i}"`);
        // RFC 5435 3.8: a notification to the same recipients by the same method is a duplicate.
        const recipients = parseMailto(uri)!.recipients;
        const key = [...recipients].map((r) => r.toLowerCase()).sort().join(',');
        if (rt.actions.some((a) => a.type === 'notify' && [...a.recipients].map((r) => r.toLowerCase()).sort().join(',') === key)) return CONTINUE;
        const action: NotifyAction = {
          type: 'notify',
          method: uri,
          recipients,
          from: f === null ? null : cleanAddress(f),
          importance: Number(i) as 1 | 2 | 3,
          options: evalList(rt, options),
          message: message === null ? null : evalStr(rt, message),
        };
        rt.other(action);
        if (rt.trace) rt.log(`notify ${uri}`);
        return CONTINUE;
      };
    },
  },
};

export const enotifyTests: Record<string, TestDef> = {
  valid_notify_method: {
    kind: 'test', ext: 'enotify', args: [{ name: 'notification URIs', type: 'strings' }],
    compile(ch, c) {
      const uris = c.strings(ch.args[0]);
      return (rt) => evalList(rt, uris).every((u) => checkMethod(u) === null);
    },
  },
  notify_method_capability: {
    kind: 'test', ext: 'enotify', sets: ['comparator', 'match'],
    args: [{ name: 'notification URI', type: 'string' }, { name: 'capability', type: 'string' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const uri = c.str(ch.args[0]);
      const cap = c.str(ch.args[1]);
      const m = c.matcher(ch, ch.args[2]);
      return (rt) => {
        if (checkMethod(evalStr(rt, uri))) return false;
        // RFC 5436 2.1: for mailto, whether the recipient is online is not known.
        if (evalStr(rt, cap).toLowerCase() !== 'online') return false;
        return m(rt, ['maybe']);
      };
    },
  },
};
