// 32-bit token hashes. Models store hashes, not strings: fixed-size keys keep the tables small
// and the serialised model free of message text (no mail content leaks through a shared model).

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so the low bits (the table index) mix well. */
export function hashToken(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h >>>= 0;
  return h === 0 ? 1 : h; // 0 marks an empty slot in the table
}
