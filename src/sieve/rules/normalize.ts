// The canonical form of a rule list. Several inputs mean the same Sieve (a :matches "abc*" is
// "starts with abc"; a header condition on Subject is the Subject condition); the generator
// writes one and the parser reads that one back, so rules are stored in the form parsing gives.
import type { Action, Condition, Rule } from './schema.js';
import { classifyPattern } from './text.js';

// imap4flags (RFC 5232 3): addflag changes the flags of the fileinto/keep that come after it, so
// flags are set first; stop comes last, as anything after it would never run.
const ACTION_RANK: Record<Action['type'], number> = {
  markRead: 0, flag: 0, keyword: 0, move: 1, copy: 1, redirect: 1, reject: 2, delete: 2, stop: 3,
};

const FIELD_HEADERS: Record<string, 'from' | 'to' | 'cc' | 'replyTo'> = { from: 'from', to: 'to', cc: 'cc', 'reply-to': 'replyTo' };

export function normalizeCondition(c: Condition): Condition {
  if (c.field === 'size' || c.field === 'attachment' || c.field === 'type') return c;
  if (c.op === 'over' || c.op === 'under') return c;
  if (c.op === 'matches') {
    const k = classifyPattern(c.value);
    if (k) return normalizeCondition({ ...c, ...k });
  }
  if (c.field === 'header') {
    const lower = c.name.toLowerCase();
    if (lower === 'subject') return { field: 'subject', op: c.op, value: c.value, not: c.not };
    // The address fields' "contains" is a header test on the whole field (see generate.ts).
    const f = FIELD_HEADERS[lower];
    if (f && c.op === 'contains') return { field: f, op: c.op, value: c.value, not: c.not };
  }
  return c;
}

export function normalizeRule<R extends Rule>(r: R): R {
  const actions = r.actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => ACTION_RANK[x.a.type] - ACTION_RANK[y.a.type] || x.i - y.i)
    .map((x) => x.a);
  const conditions = r.conditions.map(normalizeCondition);
  // all/any means nothing with one condition or none.
  const match = conditions.length < 2 ? 'all' : r.match;
  return { ...r, conditions, actions, match };
}

export const normalizeRules = <R extends Rule>(rules: R[]): R[] => rules.map(normalizeRule);
