// One comparable form for both engines' results: a list of lines such as
//   store Work copy flags=\seen,foo      implicit-keep INBOX flags=\flagged
//   redirect x@y.org copy                reject <reason>     discard
//   vacation seconds=604800 subject=… from=… handle=… reason=…
//   notify mailto recipients=a@b importance=2 message=…
//   duplicate     compile-error     runtime-error
// Pigeonhole's sieve-test output is parsed into it; our SieveResult is mapped into it.
import type { SieveAction, SieveResult } from '../../../src/sieve/index.js';

const oneLine = (s: string) => s.replace(/\r?\n/g, '\\n');

/** sieve-test shortens long folder names and reasons to 128 bytes (125 and "..."). */
function shown(s: string): string {
  if (Buffer.byteLength(s) <= 128) return s;
  let t = Buffer.from(s).subarray(0, 125).toString('utf8');
  if (t.endsWith('\ufffd')) t = t.replace(/\ufffd+$/, '');
  return t + '...';
}

function flagsText(flags: string[] | null): string {
  return flags && flags.length ? ` flags=${flags.map((f) => f.toLowerCase()).sort().join(',')}` : '';
}

export function canonOurs(r: SieveResult): string[] {
  if (r.errors.length) return ['runtime-error', 'implicit-keep INBOX'];
  const out: string[] = [];
  for (const a of r.actions) {
    const line = canonAction(a);
    if (line) out.push(line);
  }
  return out;
}

function canonAction(a: SieveAction): string | null {
  switch (a.type) {
    case 'keep':
      return `${a.implicit ? 'implicit-keep' : 'store'} INBOX${flagsText(a.flags)}`;
    case 'fileinto':
      return `store ${shown(a.folder)}${a.copy ? ' copy' : ''}${a.create ? ' create' : ''}${flagsText(a.flags)}`;
    case 'redirect':
      return `redirect ${a.address}${a.copy ? ' copy' : ''}`;
    case 'reject':
      // sieve-test shows control characters of a reason as "?".
      return `reject ${shown(a.reason.replace(/[\x00-\x1f\x7f]/g, '?'))}`;
    case 'discard':
      return 'discard';
    case 'vacation':
      return `vacation seconds=${a.seconds}${a.subject !== null ? ` subject=${oneLine(a.subject)}` : ''}${a.from !== null ? ` from=${a.from}` : ''} handle=${oneLine(a.handle)} reason=${oneLine(a.reason)}`;
    case 'notify':
      return `notify mailto recipients=${a.recipients.join(',')} importance=${a.importance}${a.from ? ` from=${a.from}` : ''}${a.message !== null ? ` message=${oneLine(a.message)}` : ''}`;
    case 'duplicate':
      return 'duplicate';
    // Header edits do not show in sieve-test's output; scripts test their effect instead.
    case 'addheader':
    case 'deleteheader':
      return null;
  }
}

/** Parse `sieve-test` stdout+stderr into the canonical lines. */
export function canonPigeonhole(out: string): string[] {
  if (/failed to compile sieve script|parse failed|validation failed/.test(out)) return ['compile-error'];
  if (/final result: failed; resolved with successful implicit keep/.test(out)) return ['runtime-error', 'implicit-keep INBOX'];
  const lines = out.split(/\r?\n/);
  const res: string[] = [];
  let section: 'none' | 'performed' | 'implicit' = 'none';
  let cur: { kind: string; head: string; mods: string[]; kv: Map<string, string>; recipients: string[]; body: string[] } | null = null;
  let inBody = false;
  const flush = () => {
    if (!cur) return;
    res.push(render(cur, section));
    cur = null;
  };
  for (const line of lines) {
    if (inBody) {
      if (line === 'END MESSAGE') inBody = false;
      else cur?.body.push(line);
      continue;
    }
    if (line.startsWith('Performed actions:')) {
      flush();
      section = 'performed';
      continue;
    }
    if (line.startsWith('Implicit keep:')) {
      flush();
      section = 'implicit';
      continue;
    }
    if (section === 'none') continue;
    const star = /^ \* (.*)$/.exec(line);
    if (star) {
      flush();
      cur = { kind: '', head: star[1]!, mods: [], kv: new Map(), recipients: [], body: [] };
      continue;
    }
    if (!cur) continue;
    const c = cur as NonNullable<typeof cur>;
    const mod = /^\s+\+ (.*)$/.exec(line);
    const kv = /^\s+=> (\S+)\s*:\s?(.*)$/.exec(line);
    if (line === 'START MESSAGE') inBody = true;
    else if (kv) c.kv.set(kv[1]!, kv[2]!);
    else if (mod) {
      if (/^(To|Cc|Bcc): /.test(mod[1]!)) c.recipients.push(mod[1]!.replace(/^\w+: /, ''));
      else c.mods.push(mod[1]!);
    }
  }
  flush();
  return res;
}

function render(c: { head: string; mods: string[]; kv: Map<string, string>; recipients: string[]; body: string[] }, section: string): string {
  const flags = c.mods.find((m) => m.startsWith('add IMAP flags: '));
  const flagText = flags ? ` flags=${flags.slice(16).trim().split(/\s+/).map((f) => f.toLowerCase()).sort().join(',')}` : '';
  const copy = c.mods.includes('preserve implicit keep') ? ' copy' : '';
  const create = c.mods.includes('create mailbox if it does not exist') ? ' create' : '';
  let m: RegExpExecArray | null;
  if ((m = /^store message in folder: (.*)$/.exec(c.head))) {
    return `${section === 'implicit' ? 'implicit-keep' : 'store'} ${m[1]}${section === 'implicit' ? '' : copy + create}${flagText}`;
  }
  if ((m = /^redirect message to: <?(.*?)>?$/.exec(c.head))) return `redirect ${m[1]}${copy}`;
  if ((m = /^reject message with reason: (.*)$/.exec(c.head))) return `reject ${m[1]}`;
  if (c.head === 'discard') return 'discard';
  if (/^track (last )?duplicate/.test(c.head)) return 'duplicate';
  if (c.head.startsWith('send vacation message')) {
    const kv = c.kv;
    const reason = c.body.join('\\n');
    return `vacation seconds=${kv.get('seconds')}${kv.has('subject') ? ` subject=${kv.get('subject')}` : ''}${kv.has('from') ? ` from=${kv.get('from')}` : ''} handle=${kv.get('handle')} reason=${reason}`;
  }
  if (c.head.startsWith("send notification with method 'mailto:'")) {
    const kv = c.kv;
    return `notify mailto recipients=${c.recipients.join(',')} importance=${kv.get('importance')}${kv.has('from') ? ` from=${kv.get('from')}` : ''}${kv.has('subject') ? ` message=${kv.get('subject')}` : ''}`;
  }
  return `unknown ${c.head}`;
}
