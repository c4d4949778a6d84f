// IMAP with Debian's mbsync (isync): a full two-way sync of a 1,000-message INBOX (plus Archive)
// into a Maildir over implicit TLS, with flag changes, deletions and new messages on both sides,
// then an idempotent third run; and a small folder over STARTTLS on the plain port.
// mbsync stores messages in the Maildir with LF line ends (it converts CRLF on the way in and back
// on the way out), so contents are compared modulo CRLF vs LF; it also adds an `X-TUID:` header
// line to every copy it makes (its crash-recovery tag), which the comparisons take out again.
// Debian's isync is 1.4.x: the rc says `SSLType` (`TLSType` is the 1.5 spelling and is refused).
// MBSYNC_DEBUG=1 (verbose) or MBSYNC_DEBUG=net (IMAP trace with times) writes /tmp/mbsync-<run>.log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { appendMessage } from '../../src/mailbox/messages.js';
import { folderMessages, provision, startTestNode, type TestNode } from '../helpers/server.js';
import { addMaildirMessage, hasMbsync, imapToMaildirFlags, readMaildir, runMbsync, setMaildirFlags, type MbsyncRun } from '../helpers/maildir.js';

const N = 1000;
const lf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
const crlf = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * mbsync writes an `X-TUID: <12 chars>` line at the end of the header of every message it copies
 * (its crash-recovery tag); takes it out again, and fails when it is not there exactly once.
 */
function stripTuid(b: Buffer): Buffer {
  const text = b.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const header = end ? text.slice(0, end.index + end[0].length) : text;
  const tuids = header.match(/^X-TUID: [A-Za-z0-9+/]{12}\r?\n/gm) ?? [];
  if (tuids.length !== 1) throw new Error(`expected one X-TUID header, found ${tuids.length}:\n${header}`);
  return Buffer.from(text.replace(/^X-TUID: [A-Za-z0-9+/]{12}\r?\n/m, ''), 'latin1');
}

/** A deterministic, varied message: plain, 8-bit UTF-8, multipart/mixed with base64, alternative QP, LF-only. */
function makeMessage(i: number, tag = 'msg'): Buffer {
  const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toUTCString().replace('GMT', '+0000');
  const head = `From: Sender ${i % 37} <sender${i % 37}@remote.test>\r\nTo: alice@example.test\r\nDate: ${date}\r\nMessage-ID: <${tag}-${i}@remote.test>\r\n`;
  const rnd = crypto.createHash('sha512').update(`${tag}${i}`).digest();
  switch (i % 5) {
    case 0:
      return Buffer.from(`${head}Subject: Plain message ${i}\r\n\r\nHello number ${i}.\r\n${'Line of text. '.repeat(i % 9)}\r\n`);
    case 1:
      return Buffer.from(
        `${head}Subject: =?UTF-8?B?${Buffer.from(`Grüße ${i}`).toString('base64')}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln, naïve café — 日本語のテキスト ✓ ${i}\r\nÆØÅ æøå ß ${'ü'.repeat(i % 13)}\r\n`,
        'utf8',
      );
    case 2: {
      const attachment = Buffer.concat(Array.from({ length: 1 + (i % 20) }, () => rnd)).toString('base64').replace(/.{76}/g, '$&\r\n');
      return Buffer.from(
        `${head}Subject: With attachment ${i}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b${i}"\r\n\r\nThis is a multi-part message.\r\n--b${i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nSee the attached file, señor ${i}.\r\n--b${i}\r\nContent-Type: application/octet-stream; name="data${i}.bin"\r\nContent-Disposition: attachment; filename="data${i}.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--b${i}--\r\n`,
        'utf8',
      );
    }
    case 3:
      return Buffer.from(
        `${head}Subject: Alternative ${i}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="alt-${i}"\r\n\r\n--alt-${i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=C3=A9 menu for day ${i}: soup=3D yes, a soft line=\r\n break here.\r\n--alt-${i}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p>Café menu for day ${i}</p>\r\n--alt-${i}--\r\n`,
        'utf8',
      );
    default:
      // LF-only input (APPEND stores CRLF) and, every tenth time, no final line end at all.
      return Buffer.from(`${head.replace(/\r\n/g, '\n')}Subject: Unix line ends ${i}\n\n${`row ${i}\n`.repeat(1 + (i % 30))}${i % 10 === 4 ? 'no final newline' : ''}`);
  }
}

function initialFlags(i: number): string[] {
  const f: string[] = [];
  if (i % 7 === 0) f.push('\\Seen');
  if (i % 11 === 0) f.push('\\Flagged');
  if (i % 13 === 0) f.push('\\Answered');
  if (i % 17 === 0) f.push('$Label1');
  return f;
}

// mbsync comes from Debian's isync, which .ci/run installs; elsewhere the suite says it is skipped.
if (!hasMbsync()) console.log('mbsync tests skipped: mbsync (Debian package isync) is not installed');
describe.skipIf(!hasMbsync())('IMAP with mbsync (sqlite)', () => {
  let node: TestNode;
  let pw: Record<string, string>;
  let tmp: string;
  let maildirRoot: string;
  let rc: string;
  const alice = 'alice@example.test';
  const runs: Array<{ name: string; run: MbsyncRun }> = [];
  const clients: ImapFlow[] = [];

  async function folderId(role: string): Promise<number> {
    const row = await node.server.deps.store.db
      .selectFrom('folders')
      .innerJoin('mailboxes', 'mailboxes.id', 'folders.mailbox_id')
      .select('folders.id')
      .where('mailboxes.address', '=', alice)
      .where('folders.special_use', '=', role)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function highestModseq(role: string): Promise<number> {
    const id = await folderId(role);
    const row = await node.server.deps.store.db.selectFrom('folders').select('highest_modseq').where('id', '=', id).executeTakeFirstOrThrow();
    return Number(row.highest_modseq);
  }

  async function connect(): Promise<ImapFlow> {
    const c = new ImapFlow({ host: '127.0.0.1', port: node.port('imap'), secure: false, doSTARTTLS: true, tls: { rejectUnauthorized: false }, auth: { user: alice, pass: pw[alice]! }, logger: false });
    await c.connect();
    clients.push(c);
    return c;
  }

  async function sync(name: string, config = rc, extra: string[] = []): Promise<MbsyncRun> {
    // MBSYNC_DEBUG=1: verbose; MBSYNC_DEBUG=net: the IMAP traffic, with times; logs in os.tmpdir().
    const debug = process.env.MBSYNC_DEBUG;
    const args = ['-c', config, ...(debug === 'net' ? ['-Dn'] : debug ? ['-V'] : []), ...extra, '-a'];
    const timed: string[] = [];
    const run = await runMbsync(args, { home: tmp, timeoutMs: 45_000, onOutput: debug ? (chunk, ms) => timed.push(`[${ms} ms] ${chunk}`) : undefined });
    runs.push({ name, run });
    if (debug) fs.writeFileSync(path.join(os.tmpdir(), `mbsync-${name}.log`), timed.join(''));
    if (run.code !== 0) throw new Error(`mbsync ${name} exited with ${run.code}\nstdout:\n${run.stdout.slice(-4000)}\nstderr:\n${run.stderr.slice(-4000)}`);
    // mbsync reports protocol trouble ("IMAP error: ...", "Warning: ...") on stderr.
    expect(run.stderr.trim(), `mbsync ${name} complained`).toBe('');
    return run;
  }

  function writeRc(file: string, opts: { port: number; tlsType: 'IMAPS' | 'STARTTLS'; maildir: string; patterns: string }): void {
    fs.writeFileSync(
      file,
      [
        'IMAPAccount mailcove',
        'Host 127.0.0.1',
        `Port ${opts.port}`,
        `User ${alice}`,
        `Pass "${pw[alice]!.replace(/[\\"]/g, '\\$&')}"`,
        `SSLType ${opts.tlsType}`,
        'SystemCertificates no',
        `CertificateFile ${path.join(node.dataDir, 'tls', 'cert.pem')}`,
        '',
        'IMAPStore far',
        'Account mailcove',
        '',
        'MaildirStore near',
        `Path ${opts.maildir}/`,
        `Inbox ${opts.maildir}/INBOX`,
        'SubFolders Verbatim',
        '',
        'Channel mail',
        'Far :far:',
        'Near :near:',
        `Patterns ${opts.patterns}`,
        'Create Both',
        'Expunge Both',
        'SyncState *',
        '',
      ].join('\n'),
    );
  }

  /** Server and Maildir state of one folder, keyed by UID. */
  async function state(role: string, dir: string) {
    const server = await folderMessages(node, alice, role);
    const local = readMaildir(dir);
    return { server, local, localByUid: new Map(local.map((m) => [m.uid!, m])) };
  }

  beforeAll(async () => {
    node = await startTestNode({ config: { auth: { maxFailures: 50, maxFailuresPerIp: 1000, failureDelayMs: 0 }, dns: { servers: ['127.0.0.1:9'], timeoutMs: 200 } } });
    pw = await provision(node.admin, 'example.test', ['alice']);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-mbsync-'));
    maildirRoot = path.join(tmp, 'Mail');
    fs.mkdirSync(maildirRoot);
    rc = path.join(tmp, 'mbsyncrc');
    writeRc(rc, { port: node.port('imaps'), tlsType: 'IMAPS', maildir: maildirRoot, patterns: 'INBOX Archive' });
    const { store, blobs, events } = node.server.deps;
    const inbox = await folderId('inbox');
    const archive = await folderId('archive');
    const t0 = Date.now();
    for (let i = 0; i < N; i++) await appendMessage(store, blobs, events, inbox, makeMessage(i), initialFlags(i), Date.UTC(2024, 0, 1) + i * 3_600_000);
    for (let i = 0; i < 5; i++) await appendMessage(store, blobs, events, archive, makeMessage(i, 'archived'), ['\\Seen'], Date.UTC(2023, 5, 1) + i * 60_000);
    console.log(`mbsync test: appended ${N + 5} messages in ${Date.now() - t0} ms`);
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) await c.logout().catch(() => c.close());
    for (const { name, run } of runs) {
      console.log(`mbsync ${name}: exit ${run.code} in ${run.ms} ms${run.stderr.trim() ? `\n  stderr: ${run.stderr.trim().replace(/\n/g, '\n  stderr: ')}` : ''}`);
    }
    await node?.cleanup();
    if (tmp && !process.env.MBSYNC_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('first run: copies all 1,000 messages (and Archive) byte for byte with their flags', async () => {
    await sync('initial');
    for (const [role, dir, count] of [['inbox', 'INBOX', N], ['archive', 'Archive', 5]] as const) {
      const { server, local, localByUid } = await state(role, path.join(maildirRoot, dir));
      expect(server).toHaveLength(count);
      expect(local).toHaveLength(count);
      for (const s of server) {
        const m = localByUid.get(s.uid);
        expect(m, `UID ${s.uid} in ${dir}`).toBeDefined();
        expect(sha(stripTuid(m!.bytes)), `content of UID ${s.uid}`).toBe(sha(lf(s.bytes)));
        expect(m!.flags, `flags of UID ${s.uid}`).toBe(imapToMaildirFlags(JSON.parse(s.flags) as string[]));
      }
    }
  }, 60_000);

  // Original index → expected Maildir flag letters after the second run (absent: deleted).
  const expected = new Map<number, string>();
  const newLocal: Array<{ messageId: string; bytes: Buffer; flags: string; folder: 'inbox' | 'archive' }> = [];
  let uids: number[] = [];

  it('second run: flag changes, deletions and new messages on both sides converge', async () => {
    const inboxDir = path.join(maildirRoot, 'INBOX');
    uids = (await folderMessages(node, alice)).map((r) => r.uid);
    expect(uids).toHaveLength(N);
    const letters = (i: number) => imapToMaildirFlags(initialFlags(i));
    for (let i = 0; i < N; i++) expected.set(i, letters(i));
    const add = (i: number, l: string) => expected.has(i) && expected.set(i, [...new Set(expected.get(i)! + l)].sort().join(''));
    const drop = (i: number, l: string) => expected.has(i) && expected.set(i, expected.get(i)!.replace(l, ''));
    const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
    const uidSet = (idx: number[]) => idx.map((i) => uids[i]).join(',');

    // Server side, with another client: 100 seen, 50 flagged, 10 unflagged, 30 (+2) deleted and expunged.
    const serverSeen = range(100, 200);
    const serverFlagged = range(200, 250);
    const serverUnflagged = range(0, 100).filter((i) => i % 11 === 0);
    const serverDeleted = [...range(250, 280), 500, 501];
    const c = await connect();
    await c.mailboxOpen('INBOX');
    expect(await c.messageFlagsAdd({ uid: uidSet(serverSeen) }, ['\\Seen'], { uid: true })).toBe(true);
    expect(await c.messageFlagsAdd({ uid: uidSet(serverFlagged) }, ['\\Flagged'], { uid: true })).toBe(true);
    expect(await c.messageFlagsRemove({ uid: uidSet(serverUnflagged) }, ['\\Flagged'], { uid: true })).toBe(true);
    expect(await c.messageDelete({ uid: uidSet(serverDeleted) }, { uid: true })).toBe(true);
    expect(c.mailbox && c.mailbox.exists).toBe(N - serverDeleted.length);
    await c.logout();
    for (const i of serverSeen) add(i, 'S');
    for (const i of serverFlagged) add(i, 'F');
    for (const i of serverUnflagged) drop(i, 'F');

    // Local side: 50 seen (10 of them also seen on the server), 25 flagged, some unseen again,
    // 5 seen here while flagged there, 20 deleted (2 of them deleted on the server too), 10 new.
    const local = new Map(readMaildir(inboxDir).map((m) => [m.uid!, m]));
    const localFlags = (i: number, f: (cur: string) => string) => {
      const m = local.get(uids[i]!)!;
      setMaildirFlags(m, f(m.flags));
    };
    const localSeen = [...range(300, 350), ...range(100, 110), ...range(200, 205)];
    const localFlagged = range(350, 375);
    const localUnseen = range(400, 500).filter((i) => i % 7 === 0);
    const localDeleted = range(500, 520);
    for (const i of localSeen) localFlags(i, (f) => f + 'S');
    for (const i of localFlagged) localFlags(i, (f) => f + 'F');
    for (const i of localUnseen) localFlags(i, (f) => f.replace('S', ''));
    for (const i of localDeleted) fs.unlinkSync(local.get(uids[i]!)!.file);
    for (const i of localSeen) add(i, 'S');
    for (const i of localFlagged) add(i, 'F');
    for (const i of localUnseen) drop(i, 'S');
    for (const i of [...serverDeleted, ...localDeleted]) expected.delete(i);

    for (let k = 0; k < 11; k++) {
      const folder = k === 10 ? 'archive' : 'inbox';
      const flags = k < 7 || k === 10 ? undefined : k < 9 ? 'S' : 'FS';
      const bytes = lf(makeMessage(N + k, 'local'));
      addMaildirMessage(path.join(maildirRoot, folder === 'inbox' ? 'INBOX' : 'Archive'), `${1700000000 + k}.M${k}P1.localhost`, bytes, flags);
      newLocal.push({ messageId: `<local-${N + k}@remote.test>`, bytes, flags: flags ?? '', folder });
    }

    await sync('two-way');

    const server = await folderMessages(node, alice);
    const byUid = new Map(server.map((r) => [r.uid, r]));
    const after = readMaildir(inboxDir);
    const localByUid = new Map(after.map((m) => [m.uid, m]));
    expect(after.every((m) => m.uid !== null), 'every local file has a UID now').toBe(true);
    expect(server).toHaveLength(expected.size + 10);
    expect(after).toHaveLength(expected.size + 10);
    for (let i = 0; i < N; i++) {
      const uid = uids[i]!;
      if (!expected.has(i)) {
        expect(byUid.has(uid), `UID ${uid} deleted on the server`).toBe(false);
        expect(localByUid.has(uid), `UID ${uid} deleted locally`).toBe(false);
        continue;
      }
      const row = byUid.get(uid);
      expect(row, `UID ${uid} kept on the server`).toBeDefined();
      const flags = JSON.parse(row!.flags) as string[];
      expect(imapToMaildirFlags(flags), `server flags of UID ${uid} (#${i})`).toBe(expected.get(i));
      expect(flags.includes('$Label1'), `keyword of UID ${uid} kept`).toBe(i % 17 === 0);
      expect(localByUid.get(uid)?.flags, `local flags of UID ${uid} (#${i})`).toBe(expected.get(i));
    }
    // The new local messages were APPENDed with their flags and content, and got their UIDs locally.
    const archive = await folderMessages(node, alice, 'archive');
    const archiveLocal = readMaildir(path.join(maildirRoot, 'Archive'));
    expect(archive).toHaveLength(6);
    expect(archiveLocal).toHaveLength(6);
    for (const n of newLocal) {
      const rows = (n.folder === 'inbox' ? server : archive).filter((r) => r.bytes.includes(`Message-ID: ${n.messageId}`));
      expect(rows, `${n.messageId} on the server`).toHaveLength(1);
      const row = rows[0]!;
      expect(sha(stripTuid(row.bytes)), `content of ${n.messageId}`).toBe(sha(crlf(n.bytes)));
      expect(imapToMaildirFlags(JSON.parse(row.flags) as string[]), `flags of ${n.messageId}`).toBe(n.flags);
      const file = (n.folder === 'inbox' ? after : archiveLocal).find((m) => m.uid === row.uid);
      expect(file, `${n.messageId} renamed with its UID`).toBeDefined();
      // mbsync tags the uploaded copy with X-TUID (checked above) but leaves the local file as it was.
      expect(file!.bytes.equals(n.bytes), `local copy of ${n.messageId} unchanged`).toBe(true);
    }
  }, 60_000);

  it('third run changes nothing on either side', async () => {
    const snapshot = async () => ({
      inbox: (await folderMessages(node, alice)).map((r) => `${r.uid} ${r.flags} ${r.blob_hash}`),
      archive: (await folderMessages(node, alice, 'archive')).map((r) => `${r.uid} ${r.flags} ${r.blob_hash}`),
      modseq: [await highestModseq('inbox'), await highestModseq('archive')],
      local: ['INBOX', 'Archive'].flatMap((d) => readMaildir(path.join(maildirRoot, d)).map((m) => `${d}/${m.sub}/${path.basename(m.file)} ${sha(m.bytes)}`)),
    });
    const before = await snapshot();
    // With the protocol trace (-Dn): the commands mbsync sent, to see that it had nothing to do.
    const run = await sync('idempotent', rc, process.env.MBSYNC_DEBUG ? [] : ['-Dn']);
    expect(await snapshot()).toEqual(before);
    const commands = [...run.stdout.matchAll(/>>> \d+ ([^\r\n]*)/g)].map((m) => m[1]!);
    expect(commands.filter((c) => c.startsWith('SELECT'))).toEqual(['SELECT "INBOX"', 'SELECT "Archive"']);
    expect(commands.filter((c) => /^(APPEND|UID STORE|STORE|EXPUNGE|UID EXPUNGE|CREATE)\b|BODY/.test(c)), 'write or body commands').toEqual([]);
  }, 60_000);

  it('syncs a small folder over STARTTLS on the plain port', async () => {
    const c = await connect();
    await c.mailboxCreate('Small');
    const msgs = [0, 1, 2, 3, 4].map((i) => makeMessage(i, 'small'));
    for (const [i, m] of msgs.entries()) await c.append('Small', m, i === 0 ? ['\\Seen'] : []);
    await c.logout();
    const dir = path.join(tmp, 'Small-mail');
    fs.mkdirSync(dir);
    const rc2 = path.join(tmp, 'mbsyncrc-starttls');
    writeRc(rc2, { port: node.port('imap'), tlsType: 'STARTTLS', maildir: dir, patterns: 'Small' });
    await sync('starttls', rc2);
    const local = readMaildir(path.join(dir, 'Small'));
    expect(local).toHaveLength(5);
    const server = await node.server.deps.store.db
      .selectFrom('messages')
      .innerJoin('folders', 'folders.id', 'messages.folder_id')
      .select(['messages.uid', 'messages.flags'])
      .where('folders.name', '=', 'Small')
      .orderBy('messages.uid')
      .execute();
    expect(server).toHaveLength(5);
    for (const [i, m] of msgs.entries()) {
      const file = local.find((f) => f.uid === server[i]!.uid);
      expect(file, `Small message ${i}`).toBeDefined();
      expect(sha(stripTuid(file!.bytes))).toBe(sha(lf(crlf(m))));
      expect(file!.flags).toBe(i === 0 ? 'S' : '');
    }
    // And back: a flag set locally reaches the server over the same STARTTLS connection type.
    setMaildirFlags(local.find((f) => f.uid === server[1]!.uid)!, 'F');
    await sync('starttls-2', rc2);
    const row = await node.server.deps.store.db
      .selectFrom('messages')
      .innerJoin('folders', 'folders.id', 'messages.folder_id')
      .select('messages.flags')
      .where('folders.name', '=', 'Small')
      .where('messages.uid', '=', server[1]!.uid)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.flags)).toEqual(['\\Flagged']);
  }, 60_000);
});
