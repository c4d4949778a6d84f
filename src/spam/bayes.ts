// Token probabilities after Gary Robinson ("A Statistical Approach to the Spam Problem", 2003)
// combined with Fisher's chi-square method, the scheme SpamBayes settled on. Unlike Graham's
// product it has an honest middle: mail that looks like neither gives ~0.5, not 0 or 1.
//
// The global and the mailbox model are combined by adding their counts, the mailbox's multiplied
// by `mailboxWeight`: the user's own reports are few but say the most about the mail this user
// wants, so one reported message already moves the tokens it contains.
import { tokenCounts, type SpamModel } from './model.js';

export interface BayesOptions {
  /** Robinson's s: how strongly the prior x holds a rarely seen token. */
  strength: number;
  /** Robinson's x: probability assumed for a token never seen. */
  unknown: number;
  /** Tokens with |f - 0.5| below this say nothing and are ignored. */
  minDeviation: number;
  /** Only the most extreme tokens are combined (SpamBayes: 150). */
  maxTokens: number;
  /** Weight of a mailbox model's counts against the global model's. */
  mailboxWeight: number;
  /** Below this many learned spam or ham messages (both models together) Bayes abstains. */
  minLearned: number;
}

export const DEFAULT_BAYES: BayesOptions = {
  strength: 0.45,
  unknown: 0.5,
  minDeviation: 0.1,
  maxTokens: 150,
  mailboxWeight: 5,
  minLearned: 50,
};

export interface BayesResult {
  /** 0 = ham, 1 = spam; null when the models have not learned enough to say. */
  probability: number | null;
  /** Tokens that took part. */
  used: number;
  spammiest: string[];
  hammiest: string[];
}

/** ln Q(chi2 | v) for even v: the upper tail, summed in log space so large values do not underflow. */
function logChi2Q(chi2: number, v: number): number {
  const m = chi2 / 2;
  let term = -m;
  let sum = term;
  for (let i = 1; i < v / 2; i++) {
    term += Math.log(m / i);
    sum = sum > term ? sum + Math.log1p(Math.exp(term - sum)) : term + Math.log1p(Math.exp(sum - term));
  }
  return Math.min(sum, 0);
}

export function chi2Q(chi2: number, v: number): number {
  return Math.exp(logChi2Q(chi2, v));
}

/** Robinson's f(w) for a token from its (weighted) counts. */
export function tokenProbability(s: number, h: number, nSpam: number, nHam: number, o: BayesOptions): number {
  const sr = s / Math.max(nSpam, 1);
  const hr = h / Math.max(nHam, 1);
  if (sr + hr === 0) return o.unknown;
  const p = sr / (sr + hr);
  const n = s + h;
  return (o.strength * o.unknown + n * p) / (o.strength + n);
}

/**
 * Probability that a message with these unique tokens is spam. `tokens[i]` names `hashes[i]`
 * (only for the explanation).
 */
export function bayesProbability(
  tokens: readonly string[],
  hashes: ArrayLike<number>,
  global: SpamModel | null,
  mailbox: SpamModel | null,
  o: BayesOptions = DEFAULT_BAYES,
): BayesResult {
  const w = mailbox ? o.mailboxWeight : 0;
  const nSpam = (global?.nSpam ?? 0) + w * (mailbox?.nSpam ?? 0);
  const nHam = (global?.nHam ?? 0) + w * (mailbox?.nHam ?? 0);
  const learnedSpam = (global?.nSpam ?? 0) + (mailbox?.nSpam ?? 0);
  const learnedHam = (global?.nHam ?? 0) + (mailbox?.nHam ?? 0);
  if (learnedSpam < o.minLearned || learnedHam < o.minLearned) return { probability: null, used: 0, spammiest: [], hammiest: [] };

  const clues: Array<[f: number, i: number]> = [];
  for (let i = 0; i < hashes.length; i++) {
    let s = 0;
    let h = 0;
    if (global) [s, h] = tokenCounts(global, hashes[i]);
    if (mailbox) {
      const [ms, mh] = tokenCounts(mailbox, hashes[i]);
      s += w * ms;
      h += w * mh;
    }
    if (s + h === 0) continue;
    const f = tokenProbability(s, h, nSpam, nHam, o);
    if (Math.abs(f - 0.5) >= o.minDeviation) clues.push([f, i]);
  }
  if (clues.length > o.maxTokens) {
    clues.sort((a, b) => Math.abs(b[0] - 0.5) - Math.abs(a[0] - 0.5));
    clues.length = o.maxTokens;
  }
  if (clues.length === 0) return { probability: 0.5, used: 0, spammiest: [], hammiest: [] };

  let lnHam = 0; // sum ln f: small when the clues are hammy
  let lnSpam = 0; // sum ln (1 - f): small when the clues are spammy
  for (const [f] of clues) {
    lnHam += Math.log(f);
    lnSpam += Math.log(1 - f);
  }
  const v = 2 * clues.length;
  const S = 1 - chi2Q(-2 * lnSpam, v);
  const H = 1 - chi2Q(-2 * lnHam, v);
  const probability = (S - H + 1) / 2;

  const byF = clues.slice().sort((a, b) => b[0] - a[0]);
  const name = (c: [number, number]) => tokens[c[1]];
  return {
    probability,
    used: clues.length,
    spammiest: byF.filter((c) => c[0] > 0.5).slice(0, 5).map(name),
    hammiest: byF.filter((c) => c[0] < 0.5).reverse().slice(0, 5).map(name),
  };
}
