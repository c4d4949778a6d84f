// Look-alike domains: a registrable domain that reads as a brand's (or our own) without being it.
// Three ways: the same letters after mapping confusable characters (IDN homographs such as
// "аpple.com" with a Cyrillic а, or "paypa1.com"), a label one or two edits away ("paypai",
// "arnazon" after rn→m), and letters of several scripts mixed in one label, which no real name does.
import { CONFUSABLES } from './data/confusables.js';
import { unicodeHost } from './urls.js';

const SKELETONS_MAX = 4096;
const skeletons = new Map<string, string>();

/** What a reader takes a label for: NFKC, lower case, confusables mapped, "rn"→"m", "vv"→"w". */
export function skeleton(label: string): string {
  // The same few domains come back message after message: remembered (a pure function of the label).
  const known = skeletons.get(label);
  if (known !== undefined) return known;
  let out = '';
  for (const ch of label.normalize('NFKC').toLowerCase()) out += CONFUSABLES[ch] ?? ch;
  out = out.replace(/rn/g, 'm').replace(/vv/g, 'w');
  if (skeletons.size >= SKELETONS_MAX) skeletons.delete(skeletons.keys().next().value!);
  skeletons.set(label, out);
  return out;
}

// Three rows of the distance table, reused from call to call (grown when a longer string comes).
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal-string-alignment distance (edits incl. swaps), giving up above `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  let [prev2, prev, cur] = rows;
  prev2.fill(0, 0, width);
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const ai2 = i > 1 ? a.charCodeAt(i - 2) : -1;
    cur[0] = i;
    let best = i;
    for (let j = 1; j < width; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai2 === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < best) best = v;
    }
    // The row before the previous is now the previous; the oldest one is free for the next row.
    [prev2, prev, cur] = [prev, cur, prev2];
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
  const dot = registrable.indexOf('.');
  return dot === -1 ? registrable : registrable.slice(0, dot);
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
    const dot = t.indexOf('.');
    const length = dot === -1 ? t.length : dot;
    if (length < 4) continue; // "ups", "x": everything is one edit from them
    const max = length >= 9 ? 2 : 1;
    // Too long or too short to be the same skeleton or within `max` edits of it: nothing to check.
    if (Math.abs(skel.length - length) > max) continue;
    const tl = dot === -1 ? t : t.slice(0, dot);
    if (skel === tl && label !== tl) return { target: t, how: 'homograph' };
    if (label === tl) continue; // same name under another suffix (paypal.de): not a typo
    if (length >= 5 && editDistance(skel, tl, max) <= max) return { target: t, how: 'typo' };
  }
  return null;
}

/** Labels that mix scripts ("pаypal" with a Cyrillic а). */
export function mixedScriptLabel(host: string): string | null {
  // ASCII without punycode: Latin letters only, never mixed.
  if (!host.includes('xn--') && /^[\x00-\x7f]*$/.test(host)) return null;
  for (const label of unicodeHost(host).split('.')) {
    const scripts = scriptsOf(label);
    if (scripts.length > 1) return `${label} (${scripts.join('+')})`;
  }
  return null;
}
