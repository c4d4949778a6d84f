// Reading and changing a Maildir the way a local mail client would, and running mbsync against a
// node: for the two-way sync tests. Maildir names look like `<unique>,U=<uid>:2,<flags>` (mbsync
// keeps the far side's UID in the name); flags are the Maildir letters D F P R S T.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface MaildirMessage {
  /** Absolute path of the file. */
  file: string;
  /** `cur` or `new`. */
  sub: 'cur' | 'new';
  /** The unique part of the name (before `:2,`). */
  base: string;
  /** The UID mbsync recorded in the name (`,U=n`), if any. */
  uid: number | null;
  /** Maildir flag letters, sorted. */
  flags: string;
  bytes: Buffer;
}

export function readMaildir(dir: string): MaildirMessage[] {
  const out: MaildirMessage[] = [];
  for (const sub of ['cur', 'new'] as const) {
    const d = path.join(dir, sub);
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d).sort()) {
      const file = path.join(d, name);
      const colon = name.indexOf(':2,');
      const base = colon >= 0 ? name.slice(0, colon) : name;
      const flags = colon >= 0 ? [...name.slice(colon + 3)].sort().join('') : '';
      const u = /,U=(\d+)/.exec(base);
      out.push({ file, sub, base, uid: u ? Number(u[1]) : null, flags, bytes: fs.readFileSync(file) });
    }
  }
  return out;
}

/** Sets the Maildir flags of a message (moving it to cur/ as a client does when it has read it). */
export function setMaildirFlags(m: MaildirMessage, flags: string): string {
  const sorted = [...new Set(flags)].sort().join('');
  const target = path.join(path.dirname(path.dirname(m.file)), 'cur', `${m.base}:2,${sorted}`);
  fs.renameSync(m.file, target);
  return target;
}

/** Drops a new message into the Maildir as a local client would (tmp/ then rename). */
export function addMaildirMessage(dir: string, unique: string, bytes: Buffer, flags?: string): string {
  for (const sub of ['tmp', 'new', 'cur']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const tmp = path.join(dir, 'tmp', unique);
  fs.writeFileSync(tmp, bytes);
  const target = flags === undefined ? path.join(dir, 'new', unique) : path.join(dir, 'cur', `${unique}:2,${[...flags].sort().join('')}`);
  fs.renameSync(tmp, target);
  return target;
}

/** IMAP system flags as mbsync maps them to Maildir letters. */
export const MAILDIR_LETTER: Record<string, string> = { '\\draft': 'D', '\\flagged': 'F', '\\answered': 'R', '\\seen': 'S', '\\deleted': 'T' };

export function imapToMaildirFlags(flags: Iterable<string>): string {
  return [...new Set([...flags].map((f) => MAILDIR_LETTER[f.toLowerCase()] ?? '').join(''))].sort().join('');
}

export interface MbsyncRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs mbsync asynchronously (the server lives in this process, so a blocking spawn would
 * deadlock). Rejects after `timeoutMs` with what mbsync printed so far.
 */
export function runMbsync(args: string[], opts: { home: string; timeoutMs?: number; onOutput?: (chunk: string, ms: number) => void }): Promise<MbsyncRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('mbsync', args, { env: { ...process.env, HOME: opts.home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => {
      out.push(b);
      opts.onOutput?.(b.toString(), Date.now() - started);
    });
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      opts.onOutput?.(b.toString(), Date.now() - started);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mbsync ${args.join(' ')} timed out after ${opts.timeoutMs}ms\nstdout:\n${Buffer.concat(out).toString().slice(-4000)}\nstderr:\n${Buffer.concat(err).toString().slice(-4000)}`));
    }, opts.timeoutMs ?? 45_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: Date.now() - started });
    });
  });
}

/** Whether an `mbsync` binary is on the PATH. */
export function hasMbsync(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'mbsync')));
}
