// LIST (RFC 9051 6.3.9) with LIST-EXTENDED (RFC 5258), SPECIAL-USE (RFC 6154) and LIST-STATUS
// (RFC 5819), and LSUB (RFC 3501 6.3.9). Only this mailbox's folders exist: `#` namespaces and
// other users' names match nothing.
import type { Row } from '../../store/schema.js';
import { getFolders } from '../../mailbox/folders.js';
import { isInside } from '../../mailbox/folder-names.js';
import { mailboxNameFromClient, response } from '../protocol/index.js';
import type { Session } from '../session.js';
import { statusValues } from './status.js';
import { type Handler, ok } from './types.js';

/** RFC 6154 2: folder roles to SPECIAL-USE attributes (INBOX and our own roles have none). */
export const ROLE_ATTRIBUTES: Record<string, string> = {
  sent: '\\Sent',
  drafts: '\\Drafts',
  trash: '\\Trash',
  junk: '\\Junk',
  archive: '\\Archive',
};

/** A LIST pattern to a RegExp: `*` anything, `%` anything but the delimiter (RFC 9051 6.3.9). */
export function patternRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '%') re += '[^/]*';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$', 'u');
}

function matchName(name: string, pattern: string): boolean {
  // INBOX is case-insensitive (RFC 9051 5.1): "inbox/%" matches "INBOX/x".
  const p = /^inbox(\/|$)/i.test(pattern) ? 'INBOX' + pattern.slice(5) : pattern;
  return patternRegExp(p).test(name);
}

/** The client's reference + pattern, decoded; null when it can only match nothing (`#...`, bad encoding). */
function fullPattern(s: Session, reference: string, pattern: string): string | null {
  const joined = reference && pattern && !reference.endsWith('/') && !pattern.startsWith('/') ? reference + '/' + pattern : reference + pattern;
  if (joined.startsWith('#') || joined.startsWith('~')) return null;
  try {
    return mailboxNameFromClient(joined, s.utf8);
  } catch {
    return null;
  }
}

function attributes(f: Row<'folders'>, all: Row<'folders'>[], subscribedAttr: boolean): string[] {
  const attrs: string[] = [];
  attrs.push(all.some((o) => isInside(o.name, f.name)) ? '\\HasChildren' : '\\HasNoChildren');
  if (subscribedAttr && f.subscribed) attrs.push('\\Subscribed');
  const su = f.special_use ? ROLE_ATTRIBUTES[f.special_use] : undefined;
  if (su) attrs.push(su);
  return attrs;
}

export const list: Handler<'LIST'> = async (s, cmd) => {
  // RFC 9051 6.3.9: an empty pattern asks for the delimiter and the root.
  if (cmd.patterns.length === 1 && cmd.patterns[0] === '') {
    s.write(response.list({ attributes: ['\\Noselect'], delimiter: '/', name: '' }, { utf8: s.utf8 }));
    return ok('LIST completed');
  }
  const all = await getFolders(s.deps.store, s.mailbox!.id);
  const patterns = cmd.patterns.map((p) => fullPattern(s, cmd.reference, p)).filter((p): p is string => p !== null);
  const subscribedAttr = cmd.selection.subscribed || cmd.return.subscribed || s.rev2;
  let out = '';
  for (const f of all) {
    if (!patterns.some((p) => matchName(f.name, p))) continue;
    let childInfo: string[] | undefined;
    if (cmd.selection.subscribed && !f.subscribed) {
      // RFC 5258 3.5: with RECURSIVEMATCH, a parent of subscribed folders is listed with CHILDINFO.
      if (!cmd.selection.recursiveMatch || !all.some((o) => o.subscribed && isInside(o.name, f.name))) continue;
      childInfo = ['SUBSCRIBED'];
    } else if (cmd.selection.subscribed && cmd.selection.recursiveMatch && all.some((o) => o.subscribed && isInside(o.name, f.name))) {
      childInfo = ['SUBSCRIBED'];
    }
    if (cmd.selection.specialUse && !(f.special_use && ROLE_ATTRIBUTES[f.special_use])) continue;
    out += response.list({ attributes: attributes(f, all, subscribedAttr), delimiter: '/', name: f.name, childInfo }, { utf8: s.utf8 });
    if (cmd.return.status) {
      // RFC 5819 2: the STATUS response right after the LIST one.
      out += response.status(f.name, await statusValues(s, f, cmd.return.status), { utf8: s.utf8 });
    }
  }
  s.write(out);
  return ok('LIST completed');
};

export const lsub: Handler<'LSUB'> = async (s, cmd) => {
  const all = await getFolders(s.deps.store, s.mailbox!.id);
  const pattern = fullPattern(s, cmd.reference, cmd.pattern);
  let out = '';
  if (pattern !== null) {
    for (const f of all) {
      if (!f.subscribed || !matchName(f.name, pattern)) continue;
      out += response.list({ attributes: [], delimiter: '/', name: f.name }, { utf8: s.utf8, command: 'LSUB' });
    }
  }
  s.write(out);
  return ok('LSUB completed');
};
