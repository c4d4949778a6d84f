// Boots a whole Mailcove node in this process on ephemeral loopback ports, with a fresh data
// folder (and a fresh PostgreSQL database when asked), for end-to-end tests with real clients.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { configSchema, type Config } from '../../src/config/schema.js';
import { resolvePaths } from '../../src/config/load.js';
import { startServer, type RunningServer } from '../../src/server.js';
import type { AdminContext } from '../../src/accounts/admin.js';
import * as admin from '../../src/accounts/admin.js';
import { createPgDatabase, PG_SKIP_REASON, type TestDialect } from './store.js';
import { emptyDnsServer } from './dns-server.js';

export { DIALECTS as TEST_DIALECTS } from './store.js';
if (PG_SKIP_REASON) console.log(`PostgreSQL runs skipped: ${PG_SKIP_REASON}`);

export interface TestNode {
  server: RunningServer;
  config: Config;
  dataDir: string;
  admin: AdminContext;
  port(name: 'smtp' | 'submission' | 'submissions' | 'imap' | 'imaps' | 'managesieve'): number;
  /** Stops the node (the data stays, so a test can start it again with restart()). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startTestNode(opts: { dialect?: TestDialect; config?: Record<string, unknown>; now?: () => number } = {}): Promise<TestNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-test-'));
  const db = opts.dialect === 'postgres' ? await createPgDatabase() : null;
  const raw = {
    hostname: 'mx.mailcove.test',
    dataDir,
    database: db ? { url: db.url } : {},
    listen: { smtp: '127.0.0.1:0', submission: '127.0.0.1:0', submissions: '127.0.0.1:0', imap: '127.0.0.1:0', imaps: '127.0.0.1:0', managesieve: '127.0.0.1:0', http: 'off' },
    auth: { failureDelayMs: 0 },
    log: { level: 'silent' },
    // Never the machine's resolver: a test that needs answers gives its own DNS.
    dns: { servers: [(await emptyDnsServer()).address] },
    ...opts.config,
  };
  const config = resolvePaths(configSchema.parse(raw));
  const log = pino({ level: process.env.MAILCOVE_TEST_LOG ?? 'silent' });
  let server = await startServer(config, { log, now: opts.now });
  const node: TestNode = {
    server,
    config,
    dataDir,
    admin: { store: server.deps.store, blobs: server.deps.blobs, defaultQuotaBytes: config.mailbox.defaultQuotaBytes },
    port: (name) => node.server.addresses[name]!.port,
    async stop() {
      await node.server.close();
    },
    async restart() {
      // Same ports as before, so clients and DNS answers stay valid.
      const listen = { ...config.listen };
      for (const name of ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'managesieve'] as const) {
        if (server.addresses[name]) listen[name] = `127.0.0.1:${server.addresses[name]!.port}`;
      }
      server = await startServer({ ...config, listen }, { log, now: opts.now });
      node.server = server;
      node.admin = { store: server.deps.store, blobs: server.deps.blobs, defaultQuotaBytes: config.mailbox.defaultQuotaBytes };
    },
    async cleanup() {
      await node.server.close().catch(() => undefined);
      await db?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return node;
}

/** A domain with mailboxes, each with a device password; returns the passwords by address. */
export async function provision(ctx: AdminContext, domain: string, locals: string[]): Promise<Record<string, string>> {
  await admin.addDomain(ctx, domain);
  const passwords: Record<string, string> = {};
  for (const local of locals) {
    const address = `${local}@${domain}`;
    await admin.addMailbox(ctx, address);
    passwords[address] = (await admin.addDevicePassword(ctx, address, 'test device')).password;
  }
  return passwords;
}

/** The stored messages of a mailbox folder, with their bytes from the blob store. */
export async function folderMessages(node: TestNode, address: string, role = 'inbox') {
  const db = node.server.deps.store.db;
  const rows = await db
    .selectFrom('messages')
    .innerJoin('mailboxes', 'mailboxes.id', 'messages.mailbox_id')
    .innerJoin('folders', 'folders.id', 'messages.folder_id')
    .selectAll('messages')
    .where('mailboxes.address', '=', address)
    .where('folders.special_use', '=', role)
    .orderBy('messages.uid')
    .execute();
  return Promise.all(rows.map(async (r) => ({ ...r, bytes: await node.server.deps.blobs.read(r.blob_hash) })));
}
