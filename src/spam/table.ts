// Spam/ham counts per token hash: an open-addressing table over typed arrays (linear probing).
// About 12 bytes a slot, no per-entry objects, so a global model of a million tokens is ~17 MB
// instead of the ~100 MB a Map of arrays would take. Capacity is bounded: when a table at its
// maximum fills up, the rarest tokens are dropped (what SpamAssassin's Bayes expiry does).

export interface TokenTable {
  /** Token hashes; 0 = empty slot. Length is a power of two. */
  keys: Uint32Array;
  spam: Uint32Array;
  ham: Uint32Array;
  /** Occupied slots. */
  size: number;
  /** Most slots this table may grow to (power of two). */
  maxSlots: number;
}

const LOAD = 0.7;

export function createTable(slots = 1024, maxSlots = 1 << 21): TokenTable {
  const n = Math.max(16, 1 << Math.ceil(Math.log2(Math.min(slots, maxSlots))));
  return { keys: new Uint32Array(n), spam: new Uint32Array(n), ham: new Uint32Array(n), size: 0, maxSlots };
}

/** Slot of `key`, or -1. */
export function findSlot(t: TokenTable, key: number): number {
  const mask = t.keys.length - 1;
  let i = key & mask;
  for (;;) {
    const k = t.keys[i];
    if (k === key) return i;
    if (k === 0) return -1;
    i = (i + 1) & mask;
  }
}

function insertSlot(t: TokenTable, key: number): number {
  const mask = t.keys.length - 1;
  let i = key & mask;
  for (;;) {
    const k = t.keys[i];
    if (k === key) return i;
    if (k === 0) {
      t.keys[i] = key;
      t.size++;
      return i;
    }
    i = (i + 1) & mask;
  }
}

/** Rebuild into `slots` slots, keeping only entries whose total count exceeds `minTotal`. */
function rebuild(t: TokenTable, slots: number, minTotal: number): void {
  const { keys, spam, ham } = t;
  t.keys = new Uint32Array(slots);
  t.spam = new Uint32Array(slots);
  t.ham = new Uint32Array(slots);
  t.size = 0;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === 0 || spam[i] + ham[i] <= minTotal) continue;
    const j = insertSlot(t, keys[i]);
    t.spam[j] = spam[i];
    t.ham[j] = ham[i];
  }
}

/** Make room for one more key: grow, or at the maximum drop the rarest tokens. */
function ensureRoom(t: TokenTable): void {
  if (t.size + 1 <= t.keys.length * LOAD) return;
  if (t.keys.length < t.maxSlots) {
    rebuild(t, t.keys.length * 2, 0);
    return;
  }
  // Full at the cap: drop tokens seen once, then twice, ... until a quarter is free.
  for (let min = 1; t.size + 1 > t.keys.length * LOAD * 0.75; min++) rebuild(t, t.keys.length, min);
}

/** Add (possibly negative) counts; counts never go below zero. */
export function addCounts(t: TokenTable, key: number, dSpam: number, dHam: number): void {
  let i = findSlot(t, key);
  if (i === -1) {
    if (dSpam <= 0 && dHam <= 0) return; // untraining a token we never saw
    ensureRoom(t);
    i = insertSlot(t, key);
  }
  t.spam[i] = Math.max(0, t.spam[i] + dSpam);
  t.ham[i] = Math.max(0, t.ham[i] + dHam);
}

/** Entries with a non-zero count, sorted by key (for a stable serialisation). */
export function entries(t: TokenTable): Array<[key: number, spam: number, ham: number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < t.keys.length; i++) if (t.keys[i] !== 0 && t.spam[i] + t.ham[i] > 0) out.push([t.keys[i], t.spam[i], t.ham[i]]);
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

/** Bytes held by the typed arrays. */
export function tableBytes(t: TokenTable): number {
  return t.keys.byteLength + t.spam.byteLength + t.ham.byteLength;
}
