// The models the spam filter classifies with: the global model (the one shipped in src/spam/data,
// or the one reports trained, stored in the database), the shipped type model, and each
// mailbox's own Bayes model. Cached in memory and checked against the row's updated_at (which the
// delivery learns from its settings caches without a query: src/delivery/mailbox-settings.ts), so
// a model trained on another node is picked up.
import { createModel, deserializeGlobal, deserializeModel, loadShippedModels, serializeGlobal, type GlobalModel, type SpamModel, type TypeModel } from '../spam/index.js';
import type { Db } from '../store/db.js';
import { globalModelRow, globalModelStamp, mailboxModelRow } from '../store/spam-repo.js';

let shipped: { global: GlobalModel | null; types: TypeModel | null } | null = null;
let stored: { stamp: number; model: GlobalModel } | null = null;
const MAILBOX_CACHE = 500;
const mailboxes = new Map<number, { stamp: number; model: SpamModel }>();

/** The shipped models, read once per process (shared: never train them in place). */
export function shippedModels(): { global: GlobalModel | null; types: TypeModel | null } {
  shipped ??= loadShippedModels();
  return shipped;
}

/** The global model deliveries use now, and the type model. `stamp`: the stored model's updated_at when known (null: none stored). */
export async function currentModels(db: Db, stamp?: number | null): Promise<{ global: GlobalModel | null; types: TypeModel | null }> {
  if (stamp === undefined) stamp = await globalModelStamp(db);
  if (stamp === null) return shippedModels();
  if (stored?.stamp !== stamp) {
    const row = await globalModelRow(db);
    if (!row) return shippedModels();
    stored = { stamp: Number(row.updated_at), model: deserializeGlobal(Buffer.from(row.model)) };
  }
  return { global: stored.model, types: shippedModels().types };
}

/** The stored global model as bytes with its stamp (for the classifier workers), or null: the shipped one. */
export async function currentGlobalBytes(db: Db, stamp?: number | null): Promise<{ stamp: number; bytes: Buffer } | null> {
  if (stamp === undefined) stamp = await globalModelStamp(db);
  if (stamp === null) return null;
  if (storedBytes?.stamp !== stamp) {
    const row = await globalModelRow(db);
    if (!row) return null;
    storedBytes = { stamp: Number(row.updated_at), bytes: Buffer.from(row.model) };
  }
  return storedBytes;
}
let storedBytes: { stamp: number; bytes: Buffer } | null = null;

/** A private copy of the current global model, to train and store. */
export async function globalModelForTraining(db: Db): Promise<GlobalModel | null> {
  const row = await globalModelRow(db);
  if (row) return deserializeGlobal(Buffer.from(row.model));
  const g = shippedModels().global;
  return g ? deserializeGlobal(serializeGlobal(g)) : null;
}

/** A mailbox's own model (reports made) at `stamp` (its updated_at, which its settings snapshot knows), or null: it has none now. */
export async function mailboxModel(db: Db, mailboxId: number, stamp: number): Promise<SpamModel | null> {
  let hit = mailboxes.get(mailboxId);
  if (hit?.stamp !== stamp) {
    const row = await mailboxModelRow(db, mailboxId);
    if (!row) return null;
    hit = { stamp: Number(row.updated_at), model: deserializeModel(Buffer.from(row.model)) };
    mailboxes.delete(mailboxId);
    if (mailboxes.size >= MAILBOX_CACHE) mailboxes.delete(mailboxes.keys().next().value!);
    mailboxes.set(mailboxId, hit);
  }
  return hit.model;
}

/** A private copy of a mailbox's model (or a new one), to train and store. */
export async function mailboxModelForTraining(db: Db, mailboxId: number): Promise<SpamModel> {
  const row = await mailboxModelRow(db, mailboxId);
  return row ? deserializeModel(Buffer.from(row.model)) : createModel();
}
