// Generated Sieve → rules: the inverse of generate.ts. Each marker line starts a rule; its `if`
// statement (commented out when disabled) is parsed with the engine's own parser and read back
// into conditions and actions. Anything generate.ts would not write is refused with the rule
// and what was found, so a managed script edited by hand is noticed rather than misread.
import type { Arg, CommandNode, TestNode } from '../ast.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { parseScript } from '../parser.js';
import { SieveSyntaxError } from '../errors.js';
import { DISABLED_PREFIX, RULE_HEADING, RULE_MARKER, type RuleMeta } from './generate.js';
import { EMAIL_TYPE_ITEM, EMAIL_TYPES, type Action, type Condition, type EmailType, type Rule } from './schema.js';
import { classifyPattern } from './text.js';

export class RulesParseError extends Error {}

const PARSE_LIMITS = { maxNesting: DEFAULT_LIMITS.maxNesting, maxListItems: DEFAULT_LIMITS.maxListItems };

/** The rules of a script written by generateSieve. */
export function parseRules(script: string): Rule[] {
  const lines = script.split('\n').map((l) => l.replace(/\r$/, ''));
  const rules: Rule[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith(RULE_MARKER)) continue;
    const meta = readMeta(lines[i]!.slice(RULE_MARKER.length), i + 1);
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith(RULE_MARKER) && !lines[end]!.startsWith(RULE_HEADING)) end++;
    let code = lines.slice(i + 1, end);
    if (!meta.enabled) code = code.map((l) => uncomment(l, meta.name));
    rules.push(readRule(meta, code.join('\n')));
    i = end - 1;
  }
  return rules;
}

function uncomment(line: string, rule: string): string {
  if (line === '' || line === '#') return '';
  if (!line.startsWith(DISABLED_PREFIX)) throw new RulesParseError(`rule "${rule}": a line of a disabled rule is not a comment: ${line}`);
  return line.slice(DISABLED_PREFIX.length);
}

function readMeta(json: string, line: number): RuleMeta {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    throw new RulesParseError(`line ${line}: the rule marker is not JSON`);
  }
  const m = v as Partial<RuleMeta> | null;
  if (!m || typeof m.id !== 'string' || typeof m.name !== 'string' || typeof m.enabled !== 'boolean' || (m.template !== undefined && typeof m.template !== 'number')) {
    throw new RulesParseError(`line ${line}: the rule marker needs id, name and enabled`);
  }
  return m as RuleMeta;
}

function readRule(meta: RuleMeta, code: string): Rule {
  const where = `rule "${meta.name}"`;
  let cmds: CommandNode[];
  try {
    cmds = parseScript(code, PARSE_LIMITS).commands;
  } catch (e) {
    if (e instanceof SieveSyntaxError) throw new RulesParseError(`${where}: ${e.message}`);
    throw e;
  }
  const [cmd] = cmds;
  if (cmds.length !== 1 || !cmd || cmd.name !== 'if' || !cmd.block || cmd.tests.length !== 1) throw new RulesParseError(`${where}: expected one "if" statement`);
  const { match, conditions } = readTests(cmd.tests[0]!, where);
  const actions = cmd.block.map((a) => readAction(a, where));
  return {
    id: meta.id,
    name: meta.name,
    enabled: meta.enabled,
    match,
    conditions,
    actions,
    ...(meta.template !== undefined ? { template: meta.template } : {}),
  };
}

function readTests(t: TestNode, where: string): { match: 'all' | 'any'; conditions: Condition[] } {
  if (t.name === 'true' && !t.args.length && !t.tests.length) return { match: 'all', conditions: [] };
  if ((t.name === 'allof' || t.name === 'anyof') && t.testList && t.tests.length >= 2) {
    return { match: t.name === 'anyof' ? 'any' : 'all', conditions: t.tests.map((x) => readCondition(x, where)) };
  }
  return { match: 'all', conditions: [readCondition(t, where)] };
}

/** Tags (with the argument that follows :comparator and :value) and the positional arguments. */
function splitArgs(node: TestNode, where: string): { tags: Map<string, string | null>; pos: Arg[] } {
  const tags = new Map<string, string | null>();
  const pos: Arg[] = [];
  for (let i = 0; i < node.args.length; i++) {
    const a = node.args[i]!;
    if (a.type !== 'tag') {
      pos.push(a);
      continue;
    }
    if (a.name === 'comparator' || a.name === 'value') {
      const v = node.args[++i];
      if (!v || v.type !== 'string') throw new RulesParseError(`${where}: :${a.name} needs a string`);
      tags.set(a.name, v.value);
    } else tags.set(a.name, null);
  }
  return { tags, pos };
}

function str(a: Arg | undefined, where: string, what: string): string {
  if (a?.type === 'string') return a.value;
  if (a?.type === 'list' && a.items.length === 1) return a.items[0]!.value;
  throw new RulesParseError(`${where}: expected one string (${what})`);
}

const MATCH_TAGS = ['is', 'contains', 'matches', 'regex'] as const;

function textMatch(tags: Map<string, string | null>, key: string, where: string): { op: 'is' | 'contains' | 'startsWith' | 'endsWith' | 'matches' | 'regex'; value: string } {
  const found = MATCH_TAGS.filter((m) => tags.has(m));
  if (found.length !== 1) throw new RulesParseError(`${where}: expected one of :is, :contains, :matches, :regex`);
  const m = found[0]!;
  if (m === 'matches') return classifyPattern(key) ?? { op: 'matches', value: key };
  return { op: m, value: key };
}

function expectTags(tags: Map<string, string | null>, allowed: string[], where: string, test: string): void {
  for (const t of tags.keys()) if (!allowed.includes(t)) throw new RulesParseError(`${where}: unexpected :${t} in ${test}`);
}

const ADDRESS_FIELDS: Record<string, 'from' | 'to' | 'cc' | 'replyTo'> = { from: 'from', to: 'to', cc: 'cc', 'reply-to': 'replyTo' };

function readCondition(t: TestNode, where: string): Condition {
  if (t.name === 'not' && t.tests.length === 1 && !t.testList && !t.args.length) {
    const inner = readCondition(t.tests[0]!, where);
    if (inner.not) throw new RulesParseError(`${where}: "not not" is not written by the rule builder`);
    return { ...inner, not: true };
  }
  if (t.tests.length) throw new RulesParseError(`${where}: unexpected test ${t.name} with nested tests`);
  const { tags, pos } = splitArgs(t, where);
  const not = false;
  switch (t.name) {
    case 'size': {
      const n = pos[0];
      const op = tags.has('over') ? 'over' : tags.has('under') ? 'under' : null;
      if (!op || tags.size !== 1 || pos.length !== 1 || n?.type !== 'number') throw new RulesParseError(`${where}: expected size :over or :under a number`);
      return { field: 'size', op, value: n.value, not };
    }
    case 'environment': {
      expectTags(tags, ['is'], where, 'environment');
      const item = str(pos[0], where, 'environment item');
      const v = str(pos[1], where, 'email type');
      if (item !== EMAIL_TYPE_ITEM || !(EMAIL_TYPES as readonly string[]).includes(v) || pos.length !== 2 || !tags.has('is')) {
        throw new RulesParseError(`${where}: expected environment :is "${EMAIL_TYPE_ITEM}" and an email type`);
      }
      return { field: 'type', value: v as EmailType, not };
    }
    case 'body': {
      expectTags(tags, ['text', ...MATCH_TAGS], where, 'body');
      if (!tags.has('text') || pos.length !== 1) throw new RulesParseError(`${where}: expected body :text and one key`);
      return { field: 'body', ...textMatch(tags, str(pos[0], where, 'key'), where), not };
    }
    case 'address': {
      expectTags(tags, ['is', 'matches', 'regex'], where, 'address');
      const f = ADDRESS_FIELDS[str(pos[0], where, 'header name')];
      if (!f || pos.length !== 2) throw new RulesParseError(`${where}: expected address on from, to, cc or reply-to and one key`);
      return { field: f, ...textMatch(tags, str(pos[1], where, 'key'), where), not };
    }
    case 'header':
      return readHeader(tags, pos, where);
  }
  throw new RulesParseError(`${where}: the rule builder does not write the test "${t.name}"`);
}

function readHeader(tags: Map<string, string | null>, pos: Arg[], where: string): Condition {
  const not = false;
  if (pos.length !== 2) throw new RulesParseError(`${where}: expected header with one name and one key`);
  const name = str(pos[0], where, 'header name');
  const key = str(pos[1], where, 'key');
  if (tags.has('mime')) {
    expectTags(tags, ['mime', 'anychild', 'type', 'is'], where, 'header :mime');
    if (tags.size !== 4 || name.toLowerCase() !== 'content-disposition' || key !== 'attachment') throw new RulesParseError(`${where}: unexpected header :mime test`);
    return { field: 'attachment', not };
  }
  if (tags.has('value')) {
    expectTags(tags, ['value', 'comparator'], where, 'header :value');
    const rel = tags.get('value');
    if (tags.get('comparator') !== 'i;ascii-numeric' || (rel !== 'gt' && rel !== 'lt')) throw new RulesParseError(`${where}: expected :value "gt" or "lt" with i;ascii-numeric`);
    return { field: 'header', name, op: rel === 'gt' ? 'over' : 'under', value: key, not };
  }
  expectTags(tags, [...MATCH_TAGS], where, 'header');
  const m = textMatch(tags, key, where);
  const lower = name.toLowerCase();
  if (lower === 'subject') return { field: 'subject', ...m, not };
  const f = ADDRESS_FIELDS[lower];
  if (f && m.op === 'contains') return { field: f, ...m, not };
  return { field: 'header', name, ...m, not };
}

function readAction(c: CommandNode, where: string): Action {
  if (c.block || c.tests.length) throw new RulesParseError(`${where}: unexpected block in ${c.name}`);
  const { tags, pos } = splitArgs(c, where);
  const only = (allowed: string[], n: number) => {
    expectTags(tags, allowed, where, c.name);
    if (pos.length !== n) throw new RulesParseError(`${where}: ${c.name} takes ${n} argument${n === 1 ? '' : 's'}`);
  };
  switch (c.name) {
    case 'fileinto': {
      only(['copy'], 1);
      const folder = str(pos[0], where, 'folder');
      return tags.has('copy') ? { type: 'copy', folder } : { type: 'move', folder };
    }
    case 'addflag': {
      only([], 1);
      const f = str(pos[0], where, 'flag');
      if (f === '\\Seen') return { type: 'markRead' };
      if (f === '\\Flagged') return { type: 'flag' };
      if (f.startsWith('\\') || /\s/.test(f)) throw new RulesParseError(`${where}: the rule builder does not set the flag ${f}`);
      return { type: 'keyword', keyword: f };
    }
    case 'redirect':
      only(['copy'], 1);
      return { type: 'redirect', address: str(pos[0], where, 'address'), copy: tags.has('copy') };
    case 'reject':
      only([], 1);
      return { type: 'reject', message: str(pos[0], where, 'message') };
    case 'discard':
      only([], 0);
      return { type: 'delete' };
    case 'stop':
      only([], 0);
      return { type: 'stop' };
  }
  throw new RulesParseError(`${where}: the rule builder does not write the command "${c.name}"`);
}
