// The data directory: database (SQLite file there, or PostgreSQL) and the blob folder.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { BlobStore } from '../blobs/blob-store.js';
import { openStore, type Store } from './db.js';

export async function openStorage(config: Config): Promise<{ store: Store; blobs: BlobStore }> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
  const store = await openStore({ url: config.database.url, dataDir: config.dataDir, poolSize: config.database.poolSize });
  const blobs = new BlobStore(path.join(config.dataDir, 'blobs'));
  return { store, blobs };
}
