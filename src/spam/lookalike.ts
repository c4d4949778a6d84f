// Look-alike domains: a registrable domain that reads as a brand's (or our own) without being it.
// Three ways: the same letters after mapping confusable characters (IDN homographs such as
// "аpple.com" with a Cyrillic а, or "paypa1.com"), a label one or two edits away ("paypai",
// "arnazon" after rn→m), and letters of several scripts mixed in one label, which no real name does.
import { CONFUSABLES } from './data/confusables.js';
import { unicodeHost } from './urls.js';

/** What a reader takes a label for: NFKC, lower case, confusables mapped, "rn"→"m", "vv"→"w". */
export function skeleton(label: string): string {
  let out = '';
  for (const ch of label.normalize('NFKC').toLowerCase()) out += CONFUSABLES[ch] ?? ch;
  return out.replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/** Optimal-string-alignment distance (edits incl. swaps), giving up above `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    prev = cur;
    if (best > max) return max + 1;
  }
  return prev[b.length];
}

const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Han', /\p{Script=Han}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
];

/** Scripts of the letters of one label. */
export function scriptsOf(label: string): string[] {
  const found = new Set<string>();
  for (const ch of label) {
    if (!/\p{L}/u.test(ch)) continue;
    const s = SCRIPTS.find(([, re]) => re.test(ch));
    found.add(s ? s[0] : 'Other');
  }
  return [...found];
}

/** First label of a registrable domain ("paypal" of "paypal.co.uk"). */
export function mainLabel(registrable: string): string {
  return registrable.split('.')[0] ?? '';
}

export interface Lookalike {
  /** The domain it imitates. */
  target: string;
  how: 'homograph' | 'typo';
}

/**
 * Whether registrable domain `domain` (ASCII form) imitates one of `targets` (registrable domains).
 * Equal domains are not look-alikes.
 */
export function lookalikeOf(domain: string, targets: Iterable<string>): Lookalike | null {
  const uni = unicodeHost(domain);
  const label = mainLabel(uni);
  const skel = skeleton(label);
  for (const t of targets) {
    if (t === domain) continue;
    const tl = mainLabel(t);
    if (tl.length < 4) continue; // "ups", "x": everything is one edit from them
    if (skel === tl && label !== tl) return { target: t, how: 'homograph' };
    if (label === tl) continue; // same name under another suffix (paypal.de): not a typo
    const max = tl.length >= 9 ? 2 : 1;
    if (tl.length >= 5 && editDistance(skel, tl, max) <= max) return { target: t, how: 'typo' };
  }
  return null;
}

/** Labels that mix scripts ("pаypal" with a Cyrillic а). */
export function mixedScriptLabel(host: string): string | null {
  for (const label of unicodeHost(host).split('.')) {
    const scripts = scriptsOf(label);
    if (scripts.length > 1) return `${label} (${scripts.join('+')})`;
  }
  return null;
}
