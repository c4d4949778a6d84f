// Runs Pigeonhole's sieve-test (Debian package dovecot-sieve) on corpus pairs, from a throwaway
// directory with its own minimal dovecot.conf: the mail user is `nobody` when we are root (Dovecot
// refuses to run mail access as root), else ourselves; extensions that are off by default
// (vacation-seconds, editheader, spamtest(plus), virustest) are enabled, spam/virus scores are read
// from X-Spam-Score (max 10) and X-Virus-Score (max 5), includes come from corpus/include.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORPUS, type Pair } from './corpus.js';

export const SIEVE_TEST = ['/usr/bin/sieve-test', '/usr/local/bin/sieve-test'].find((p) => fs.existsSync(p)) ?? null;

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
}

export class Pigeonhole {
  readonly dir: string;
  private conf: string;
  private uid: number;
  private gid: number;
  private mailDirs = new Map<string, string>();
  private n = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-pigeonhole-'));
    const root = process.getuid?.() === 0;
    this.uid = root ? Number(sh('id', ['-u', 'nobody'])) : process.getuid!();
    this.gid = root ? Number(sh('id', ['-g', 'nobody'])) : process.getgid!();
    for (const d of ['run', 'state', 'scripts', 'messages', 'personal', 'global', 'mail']) fs.mkdirSync(path.join(this.dir, d));
    for (const loc of ['personal', 'global']) {
      const src = path.join(CORPUS, 'include', loc);
      for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(this.dir, loc, f));
    }
    this.conf = path.join(this.dir, 'dovecot.conf');
    fs.writeFileSync(
      this.conf,
      [
        `mail_uid = ${this.uid}`,
        `mail_gid = ${this.gid}`,
        `first_valid_uid = ${Math.min(this.uid, 500)}`,
        `first_valid_gid = ${Math.min(this.gid, 500)}`,
        `base_dir = ${this.dir}/run`,
        `state_dir = ${this.dir}/state`,
        'log_path = /dev/stderr',
        'plugin {',
        '  sieve_extensions = +vacation-seconds +editheader +spamtest +spamtestplus +virustest',
        '  sieve_spamtest_status_type = score',
        '  sieve_spamtest_status_header = X-Spam-Score',
        '  sieve_spamtest_max_value = 10',
        '  sieve_virustest_status_type = score',
        '  sieve_virustest_status_header = X-Virus-Score',
        '  sieve_virustest_max_value = 5',
        `  sieve = file:${this.dir}/personal`,
        `  sieve_global = ${this.dir}/global`,
        '}',
        '',
      ].join('\n'),
    );
    this.chown();
  }

  private chown(): void {
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', `${this.uid}:${this.gid}`, this.dir]);
  }

  /** A maildir where exactly these folders exist (mailboxexists). */
  private mailDir(folders: string[]): string {
    const key = [...folders].sort().join('\u0000');
    let d = this.mailDirs.get(key);
    if (d) return d;
    d = path.join(this.dir, 'mail', `m${this.mailDirs.size}`);
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(d, sub), { recursive: true });
    for (const f of folders) for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(d, '.' + f, sub), { recursive: true });
    this.chown();
    this.mailDirs.set(key, d);
    return d;
  }

  /** Lay out the files of a pair; returns the sieve-test arguments. */
  prepare(p: Pair): string[] {
    const id = `s${this.n++}`;
    const script = path.join(this.dir, 'scripts', `${id}.sieve`);
    // Debian's Pigeonhole 0.5.19 lacks ereject (DIFFERENCES.md): it runs those scripts with reject.
    fs.writeFileSync(script, p.script.toString('latin1').replace(/\bereject\b/g, 'reject'), 'latin1');
    const msg = path.join(this.dir, 'messages', `${id}.eml`);
    fs.writeFileSync(msg, p.message);
    const mail = this.mailDir(p.mailboxes);
    if (process.getuid?.() === 0) {
      fs.chownSync(script, this.uid, this.gid);
      fs.chownSync(msg, this.uid, this.gid);
      fs.chownSync(path.dirname(script), this.uid, this.gid);
    }
    // sieve-test refuses a null sender ("-f '<>'"): without -f it reads Return-Path, then From.
    const from = p.envelopeFrom ? ['-f', p.envelopeFrom] : [];
    return ['-c', this.conf, '-l', `maildir:${mail}`, ...from, '-a', p.envelopeTo, '-r', p.envelopeTo, script, msg];
  }

  run(p: Pair): Promise<string> {
    const args = this.prepare(p);
    return new Promise((resolve) => {
      execFile(SIEVE_TEST!, args, { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
        resolve(`${stdout}\n${stderr}${err && !stdout && !stderr ? String(err) : ''}`);
      });
    });
  }

  /** Run many pairs, two at a time (the machine is shared). */
  async runAll(pairs: Pair[], concurrency = 2): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let next = 0;
    const worker = async () => {
      while (next < pairs.length) {
        const p = pairs[next++]!;
        out.set(p.id, await this.run(p));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return out;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
