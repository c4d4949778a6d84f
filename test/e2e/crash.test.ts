// "Once the server has said 250, the message survives a crash": `mailcove serve` takes mail from
// ten concurrent SMTP connections and is killed with SIGKILL mid-stream, three times over. After
// each restart every message that got its 250 is stored exactly once in each recipient's
// mailbox, with a complete blob, and the restarted server keeps accepting mail.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/db.js';
import { createPgDatabase, DIALECTS } from '../helpers/store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, cliOk, killAllServers, SmtpClient, startServe, tempDir, type ServeProcess } from '../helpers/cli.js';

const DOMAIN = 'crash.test';
const MAILBOXES = ['u1', 'u2', 'u3', 'u4', 'u5'].map((u) => `${u}@${DOMAIN}`);
const CONNECTIONS = 10;
const KILLS = 3;

interface Sent { marker: string; rcpt: string[]; deliveryId: string }

interface StoredRow { id: number; size: number; blob_hash: string; message_id: string | null; delivery_id: string | null; address: string; mailbox_id: number }

/** A message whose Message-ID, subject and body carry the marker; sizes vary from ~300 B to ~150 KB. */
function makeMessage(marker: string, rcpt: string[]): string {
  const filler = crypto.randomBytes(Math.floor(Math.random() * (Math.random() < 0.2 ? 110_000 : 4_000))).toString('base64');
  const lines = filler.match(/.{1,76}/g) ?? [];
  return [
    'From: Load <load@sender.example>',
    `To: ${rcpt.join(', ')}`,
    `Subject: crash marker ${marker}`,
    `Message-ID: <${marker}@${DOMAIN}>`,
    'Date: Thu, 01 Jan 2026 00:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `marker ${marker} begins`,
    ...lines,
    `marker ${marker} ends`,
    '',
  ].join('\r\n');
}

function pickRecipients(): string[] {
  const first = MAILBOXES[Math.floor(Math.random() * MAILBOXES.length)]!;
  if (Math.random() < 0.7) return [first];
  const second = MAILBOXES.filter((m) => m !== first)[Math.floor(Math.random() * (MAILBOXES.length - 1))]!;
  return [first, second];
}

/**
 * Ten connections each send one message after another until `stop()`; the ones answered 250 at
 * the end of DATA are recorded. Every marker tried is recorded too (it may or may not be stored).
 */
function startLoad(port: number, cycle: number) {
  const acked: Sent[] = [];
  const tried = new Set<string>();
  const errors: string[] = [];
  let stopped = false;
  const worker = async (k: number) => {
    let client: SmtpClient;
    try {
      client = await SmtpClient.connect(port);
      await client.expect('EHLO load.sender.example', 250);
    } catch (err) {
      if (!stopped) errors.push(`connect ${k}: ${(err as Error).message}`);
      return;
    }
    for (let n = 0; !stopped && !client.closed; n++) {
      const marker = `c${cycle}k${k}n${n}x${crypto.randomBytes(4).toString('hex')}`;
      const rcpt = pickRecipients();
      tried.add(marker);
      try {
        const reply = await client.sendMail('load@sender.example', rcpt, makeMessage(marker, rcpt));
        if (reply.code === 250) {
          const id = /queued as (\S+)/.exec(reply.text)?.[1];
          if (!id) errors.push(`250 without a delivery id: ${reply.text}`);
          acked.push({ marker, rcpt, deliveryId: id ?? '' });
        } else if (!stopped) errors.push(`${marker}: ${reply.text}`);
      } catch (err) {
        if (!stopped) errors.push(`${marker}: ${(err as Error).message}`);
        break;
      }
    }
    client.destroy();
  };
  const done = Promise.all(Array.from({ length: CONNECTIONS }, (_, k) => worker(k)));
  return {
    acked,
    tried,
    errors,
    /** Call right before the kill: from then on broken connections are expected. */
    markStopped() {
      stopped = true;
    },
    done,
  };
}

function blobPath(dataDir: string, hash: string): string {
  return path.join(dataDir, 'blobs', hash.slice(0, 2), hash.slice(2, 4), hash);
}

function markerOf(messageId: string | null): string | null {
  return messageId ? (/^<?(c\d+k\d+n\d+x[0-9a-f]+)@/.exec(messageId)?.[1] ?? null) : null;
}

/** Reads the database (SQLite file or PostgreSQL) and checks every invariant a crash must not break. */
async function verifyStore(dataDir: string, url: string | undefined, acked: Sent[], tried: Set<string>) {
  const store = await openStore({ url, dataDir });
  try {
    const rows = (await store.db
      .selectFrom('messages as m')
      .innerJoin('mailboxes as mb', 'mb.id', 'm.mailbox_id')
      .select(['m.id', 'm.size', 'm.blob_hash', 'm.message_id', 'm.delivery_id', 'm.mailbox_id', 'mb.address'])
      .execute()) as StoredRow[];

    // Group stored rows by marker and mailbox; none may be stored twice, acked or not.
    const byMarker = new Map<string, StoredRow[]>();
    for (const r of rows) {
      const marker = markerOf(r.message_id);
      expect(marker, `row ${r.id} has an unexpected Message-ID ${r.message_id}`).not.toBeNull();
      expect(tried.has(marker!), `row ${r.id} holds marker ${marker} that no client sent`).toBe(true);
      byMarker.set(marker!, [...(byMarker.get(marker!) ?? []), r]);
    }
    for (const [marker, list] of byMarker) {
      const addresses = list.map((r) => r.address).sort();
      expect(new Set(addresses).size, `marker ${marker} stored twice in one mailbox: ${addresses.join(', ')}`).toBe(addresses.length);
      // All copies of one message come from one delivery (one transaction).
      expect(new Set(list.map((r) => r.delivery_id)).size, `marker ${marker} stored by several deliveries`).toBe(1);
    }

    // Every 250: stored exactly once in each recipient's mailbox, by the delivery the 250 named.
    for (const sent of acked) {
      const list = byMarker.get(sent.marker) ?? [];
      expect(list.map((r) => r.address).sort(), `acknowledged message ${sent.marker} (delivery ${sent.deliveryId})`).toEqual([...sent.rcpt].sort());
      for (const r of list) expect(r.delivery_id).toBe(sent.deliveryId);
    }

    // Each stored row's blob is on disk, complete and intact.
    const refs = new Map<string, number>();
    for (const r of rows) {
      refs.set(r.blob_hash, (refs.get(r.blob_hash) ?? 0) + 1);
      const file = blobPath(dataDir, r.blob_hash);
      expect(fs.existsSync(file), `blob of row ${r.id} (${r.blob_hash}) is missing`).toBe(true);
      const bytes = fs.readFileSync(file);
      expect(bytes.length, `blob of row ${r.id} has the wrong size`).toBe(r.size);
      expect(crypto.createHash('sha256').update(bytes).digest('hex'), `blob of row ${r.id} is corrupt`).toBe(r.blob_hash);
      const marker = markerOf(r.message_id)!;
      const text = bytes.toString('latin1');
      expect(text).toContain(`marker ${marker} begins`);
      expect(text).toContain(`marker ${marker} ends`);
    }

    // Blob reference counts and mailbox usage were written in the same transaction as the rows.
    const blobRows = await store.db.selectFrom('blobs').select(['hash', 'size', 'refcount']).execute();
    const blobTable = new Map(blobRows.map((b) => [b.hash, b]));
    for (const [hash, count] of refs) {
      expect(blobTable.get(hash)?.refcount, `refcount of blob ${hash}`).toBe(count);
    }
    expect(blobRows.filter((b) => !refs.has(b.hash)), 'blob rows that no message references').toEqual([]);
    const usage = await store.db.selectFrom('mailboxes').select(['id', 'address', 'used_bytes']).execute();
    for (const m of usage) {
      const sum = rows.filter((r) => r.mailbox_id === m.id).reduce((s, r) => s + r.size, 0);
      expect(m.used_bytes, `used_bytes of ${m.address}`).toBe(sum);
    }
    return { rows: rows.length, markers: byMarker.size };
  } finally {
    await store.close();
  }
}

describe.each(DIALECTS)('crash safety of mailcove serve (%s)', (dialect) => {
  let dataDir: string;
  let pg: { url: string; drop(): Promise<void> } | undefined;
  let env: Record<string, string | undefined> = {};

  beforeAll(async () => {
    dataDir = tempDir('mailcove-crash-');
    if (dialect === 'postgres') {
      pg = await createPgDatabase();
      env = { MAILCOVE_DATABASE_URL: pg.url };
    }
    const init = await cliOk(['init'], { dataDir, env });
    expect(init).toMatch(/one-time password: \S+/);
    await cliOk(['domain', 'add', DOMAIN], { dataDir, env });
    for (const m of MAILBOXES) await cliOk(['mailbox', 'add', m], { dataDir, env });
  });

  afterAll(async () => {
    await killAllServers();
    await pg?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps every message answered with 250 across repeated kill -9, exactly once, with intact blobs',
    async () => {
      const acked: Sent[] = [];
      const tried = new Set<string>();
      let server: ServeProcess = await startServe({ dataDir, env });
      const port = server.port;

      for (let cycle = 1; cycle <= KILLS; cycle++) {
        const load = startLoad(port, cycle);
        // Let the load run 1–2 s (and at least until some mail went through, on a slow disk),
        // then pull the plug without any warning.
        const started = Date.now();
        const runFor = 1000 + Math.floor(Math.random() * 1000);
        while (Date.now() - started < runFor || (load.acked.length < 20 && Date.now() - started < 20_000)) {
          await new Promise((r) => setTimeout(r, 25));
        }
        const beforeKill = load.acked.length;
        load.markStopped();
        await server.crash();
        expect((await server.exited).signal).toBe('SIGKILL');
        await load.done;
        expect(load.errors, `errors before the kill in cycle ${cycle}`).toEqual([]);
        expect(beforeKill, `messages accepted in cycle ${cycle} before the kill`).toBeGreaterThan(0);
        acked.push(...load.acked);
        for (const m of load.tried) tried.add(m);

        // Restart on the same data directory (and port).
        server = await startServe({ dataDir, env, ports: { smtp: port } });
        // The start dropped the spool files of the crashed run, and nothing else is in flight.
        expect(fs.readdirSync(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);
        const counts = await verifyStore(dataDir, pg?.url, acked, tried);
        expect(counts.markers).toBeGreaterThanOrEqual(acked.length);

        // The restarted server still accepts mail, and it is stored at once.
        const marker = `c${cycle}k99n0x${crypto.randomBytes(4).toString('hex')}`;
        const client = await SmtpClient.connect(port);
        await client.expect('EHLO after.crash.example', 250);
        const reply = await client.sendMail('after@sender.example', ['u1@crash.test'], makeMessage(marker, ['u1@crash.test']));
        await client.quit();
        expect(reply.code, reply.text).toBe(250);
        acked.push({ marker, rcpt: ['u1@crash.test'], deliveryId: /queued as (\S+)/.exec(reply.text)![1]! });
        tried.add(marker);
        await verifyStore(dataDir, pg?.url, acked, tried);
      }

      // The CLI reads the same state: mailbox usage matches what the rows add up to.
      const mailboxes = await cliJson<Array<{ address: string; used_bytes: number }>>(['mailbox', 'list'], { dataDir, env });
      expect(mailboxes.map((m) => m.address).sort()).toEqual([...MAILBOXES].sort());
      expect(mailboxes.reduce((s, m) => s + m.used_bytes, 0)).toBeGreaterThan(0);

      // A clean stop after all that still works.
      const exit = await server.stop();
      expect(exit.code).toBe(0);
      await verifyStore(dataDir, pg?.url, acked, tried);
    },
    180_000,
  );
});
