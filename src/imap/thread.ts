// THREAD=ORDEREDSUBJECT and THREAD=REFERENCES (RFC 5256 2.1, 3): pure functions over message data.
// The command (commands/sort.ts) loads the rows and the References headers.
//
// Choices where the RFC leaves room (the same as Dovecot):
// - The sent date is the Date header in UTC, or INTERNALDATE when it is missing or unparseable;
//   equal dates keep mailbox order (sequence number).
// - Message-IDs compare as octets; a Message-ID header without a valid <msg-id> counts as missing.
// - Base subjects compare with i;ascii-casemap; an empty base subject never groups (REFERENCES 5.B).
// Everything is iterative: a hostile References chain can't exhaust the stack.
import { decodeWords } from '../mime/headers.js';
import type { ThreadNode } from './protocol/response.js';
import { asciiCasemap, sentDate } from './sort.js';

/** What THREAD needs of one message. */
export interface ThreadMessage {
  /** Mailbox order (sequence number): breaks ties and decides which duplicate Message-ID wins. */
  seq: number;
  /** The number written in the answer (the UID for UID THREAD, else the sequence number). */
  id: number;
  internalDate: number;
  /** The raw Date header, or null. */
  date: string | null;
  /** The raw Subject, or null. */
  subject: string | null;
  /** The raw Message-ID header, or null. */
  messageId: string | null;
  /** The raw In-Reply-To header, or null. */
  inReplyTo: string | null;
  /** The raw References header, or null (ORDEREDSUBJECT doesn't need it). */
  references?: string | null;
}

// ---- base subject with the reply/forward mark (RFC 5256 2.1; the same steps as mime/text.ts)

const BLOB = String.raw`\[[^\[\]]*\][ \t]*`;
const LEADER = new RegExp(String.raw`^(?:(?:${BLOB})*(?:re|fwd?)[ \t]*(?:${BLOB})?:|[ \t]+)`, 'i');
const BLOB_PREFIX = new RegExp('^' + BLOB);
const TRAILER = /(?:[ \t]+|\(fwd\))$/i;

/**
 * The base subject and whether extracting it removed a reply/forward mark: a "Re:"/"Fw:"/"Fwd:"
 * leader, a "(fwd)" trailer or a "[fwd: ...]" wrapper (RFC 5256 5, REFERENCES step 5.C).
 */
export function subjectInfo(subject: string | null): { base: string; reply: boolean } {
  if (subject === null) return { base: '', reply: false };
  let s = decodeWords(subject).replace(/[\t\r\n ]+/g, ' ');
  let reply = false;
  for (;;) {
    let m: RegExpExecArray | null;
    while ((m = TRAILER.exec(s)) && m[0].length > 0) {
      if (m[0].trim()) reply = true;
      s = s.slice(0, s.length - m[0].length);
    }
    let prev: string;
    do {
      prev = s;
      while ((m = LEADER.exec(s)) && m[0].length > 0) {
        if (m[0].endsWith(':')) reply = true;
        s = s.slice(m[0].length);
      }
      const b = BLOB_PREFIX.exec(s);
      if (b && s.length > b[0].length) s = s.slice(b[0].length);
    } while (s !== prev);
    if (/^\[fwd:/i.test(s) && s.endsWith(']')) {
      s = s.slice(5, -1);
      reply = true;
      continue;
    }
    return { base: s, reply };
  }
}

const MSG_ID = /<[^<>\s]*>/g;

/** The valid <msg-id>s of a header value, in order. */
export function messageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  return (value.match(MSG_ID) ?? []).filter((m) => m.length > 2);
}

interface Prepared {
  seq: number;
  id: number;
  date: number;
  base: string;
  /** The base subject as an i;ascii-casemap key, for grouping. */
  key: string;
  reply: boolean;
}

function prepare(m: ThreadMessage): Prepared {
  const { base, reply } = subjectInfo(m.subject);
  return { seq: m.seq, id: m.id, date: sentDate(m), base, key: asciiCasemap(base).toString('utf8'), reply };
}

const byDate = (a: Prepared, b: Prepared) => a.date - b.date || a.seq - b.seq;

// ---- ORDEREDSUBJECT

/**
 * RFC 5256 3 ORDEREDSUBJECT: messages sorted by base subject, then sent date; each run with the
 * same base subject is a thread whose first message is the parent of all the others (siblings);
 * threads in order of the sent date of their first message.
 */
export function threadOrderedSubject(messages: readonly ThreadMessage[]): ThreadNode[] {
  const prepared = messages.map(prepare);
  prepared.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : byDate(a, b)));
  const threads: Array<{ first: Prepared; node: ThreadNode }> = [];
  let cur: { first: Prepared; node: ThreadNode } | null = null;
  for (const p of prepared) {
    if (cur && cur.first.key === p.key) {
      cur.node.children.push({ id: p.id, children: [] });
      continue;
    }
    cur = { first: p, node: { id: p.id, children: [] } };
    threads.push(cur);
  }
  threads.sort((a, b) => byDate(a.first, b.first));
  return threads.map((t) => t.node);
}

// ---- REFERENCES

interface Container {
  msg: Prepared | null;
  parent: Container | null;
  children: Container[];
}

const newContainer = (msg: Prepared | null = null): Container => ({ msg, parent: null, children: [] });

/** `a` is `b` or one of its ancestors (a container without children is nobody's ancestor: O(1)). */
function isAncestorOrSelf(a: Container, b: Container): boolean {
  if (a === b) return true;
  if (a.children.length === 0) return false;
  for (let c: Container | null = b.parent; c; c = c.parent) if (c === a) return true;
  return false;
}

function unlink(c: Container): void {
  const p = c.parent;
  if (!p) return;
  const i = p.children.indexOf(c);
  if (i !== -1) p.children.splice(i, 1);
  c.parent = null;
}

function link(parent: Container, child: Container): void {
  child.parent = parent;
  parent.children.push(child);
}

/** Every container under `root` with children before parents (root last). */
function postOrder(root: Container): Container[] {
  const out: Container[] = [];
  const stack: Array<[Container, boolean]> = [[root, false]];
  while (stack.length) {
    const [c, expanded] = stack.pop()!;
    if (expanded) {
      out.push(c);
      continue;
    }
    stack.push([c, true]);
    for (let i = c.children.length - 1; i >= 0; i--) stack.push([c.children[i]!, false]);
  }
  return out;
}

/** The message a container sorts and groups by: its own, or a dummy's first child's. */
function representative(c: Container): Prepared | null {
  let cur: Container | undefined = c;
  while (cur && !cur.msg) cur = cur.children[0];
  return cur?.msg ?? null;
}

function compareContainers(a: Container, b: Container): number {
  const x = representative(a);
  const y = representative(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return byDate(x, y);
}

/** Sort every set of siblings by sent date, depth first (RFC 5256 REFERENCES steps 4 and 6). */
function sortAll(root: Container): void {
  for (const c of postOrder(root)) if (c.children.length > 1) c.children.sort(compareContainers);
}

/**
 * RFC 5256 REFERENCES step 3: dummies without children are deleted; dummies with children are
 * replaced by their children, except at the top level where that happens only for a single child.
 */
function prune(root: Container): void {
  for (const c of postOrder(root)) {
    if (!c.children.some((k) => !k.msg)) continue;
    const kept: Container[] = [];
    for (const k of c.children) {
      if (k.msg) kept.push(k);
      else if (k.children.length === 0) k.parent = null;
      else if (c === root && k.children.length > 1) kept.push(k);
      else {
        for (const g of k.children) {
          g.parent = c;
          kept.push(g);
        }
        k.children = [];
        k.parent = null;
      }
    }
    c.children = kept;
  }
}

/** RFC 5256 3 REFERENCES: the full algorithm (steps 1 to 6). */
export function threadReferences(messages: readonly ThreadMessage[]): ThreadNode[] {
  const ordered = [...messages].sort((a, b) => a.seq - b.seq);
  const table = new Map<string, Container>();
  const all: Container[] = [];
  const containerFor = (id: string): Container => {
    let c = table.get(id);
    if (!c) {
      c = newContainer();
      table.set(id, c);
      all.push(c);
    }
    return c;
  };

  // Step 1: the message-id table and the links.
  for (const m of ordered) {
    const p = prepare(m);
    // A missing or duplicate Message-ID gets a unique one: a container nothing can reference.
    const own = messageIds(m.messageId)[0];
    let mc: Container;
    const existing = own !== undefined ? table.get(own) : undefined;
    if (own !== undefined && (!existing || !existing.msg)) {
      mc = containerFor(own);
      mc.msg = p;
    } else {
      mc = newContainer(p);
      all.push(mc);
    }
    // References, or the first valid Message-ID of In-Reply-To when it has none.
    let refs = messageIds(m.references);
    if (refs.length === 0) refs = messageIds(m.inReplyTo).slice(0, 1);
    const refContainers = refs.map(containerFor);
    // 1.A: each reference is the parent of the next, unless the child has a parent already or
    // the link would make a loop.
    for (let i = 0; i + 1 < refContainers.length; i++) {
      const parent = refContainers[i]!;
      const child = refContainers[i + 1]!;
      if (child.parent || isAncestorOrSelf(child, parent)) continue;
      link(parent, child);
    }
    // 1.B: the last reference is the message's parent (replacing any parent it had), loops aside.
    const last = refContainers[refContainers.length - 1];
    if (mc.parent && mc.parent !== last) unlink(mc);
    if (last && mc.parent !== last && !isAncestorOrSelf(mc, last)) link(last, mc);
  }

  // Step 2: the root set.
  const root = newContainer();
  for (const c of all) if (!c.parent) link(root, c);

  // Step 3: prune dummies. Step 4: sort (dummies by their first child).
  prune(root);
  sortAll(root);

  // Step 5: gather top-level threads with the same base subject.
  const subjects = new Map<string, Container>();
  for (const c of root.children) {
    const r = representative(c)!;
    if (!r.base) continue;
    const t = subjects.get(r.key);
    if (!t || (!c.msg && t.msg) || (t.msg && t.msg.reply && c.msg && !c.msg.reply)) subjects.set(r.key, c);
  }
  const top = [...root.children];
  for (const c of top) {
    if (c.parent !== root) continue; // merged into another thread already
    const r = representative(c)!;
    if (!r.base) continue;
    const t = subjects.get(r.key);
    if (!t || t === c) continue;
    if (!t.msg && !c.msg) {
      // Both dummies: c's children join t's.
      unlink(c);
      for (const k of c.children) link(t, k);
      c.children = [];
    } else if (!t.msg) {
      unlink(c);
      link(t, c);
    } else if (c.msg && c.msg.reply && !t.msg.reply) {
      unlink(c);
      link(t, c);
    } else {
      // A new dummy takes t's place at the top level, with t and c as its children.
      const d = newContainer();
      d.parent = root;
      root.children[root.children.indexOf(t)] = d;
      t.parent = null;
      unlink(c);
      link(d, t);
      link(d, c);
      subjects.set(r.key, d);
    }
  }

  // Step 6: sort every set of siblings.
  sortAll(root);
  return toNodes(root);
}

/** Containers to the response's thread nodes (dummies have a null id), iteratively. */
function toNodes(root: Container): ThreadNode[] {
  const top: ThreadNode[] = [];
  const stack: Array<[Container, ThreadNode[]]> = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push([root.children[i]!, top]);
  // Built in order: push in reverse, so each list is appended left to right.
  while (stack.length) {
    const [c, into] = stack.pop()!;
    const node: ThreadNode = { id: c.msg ? c.msg.id : null, children: [] };
    into.push(node);
    for (let i = c.children.length - 1; i >= 0; i--) stack.push([c.children[i]!, node.children]);
  }
  return top;
}
