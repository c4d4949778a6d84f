// The validator and compiler: checks every command and test against its declaration (arguments,
// tags, the capabilities that were required), reports precise `line:col` errors, and turns the
// tree into closures over a Runtime. Includes are compiled here too (RFC 6609), with loops and
// depth refused, so a compiled script is self-contained and reusable for any number of messages.
import type { Arg, CommandNode, Script, StringArg, TestNode } from './ast.js';
import { SieveSyntaxError, type Pos, type SieveDiagnostic } from './errors.js';
import { invalidUtf8Pos } from './lexer.js';
import type { SieveLimits } from './limits.js';
import { checkKeys, COMPARATORS, makeMatcher, RELATIONS, type Comparator, type Matcher, type MatchType, type Relation } from './match.js';
import { parseScript } from './parser.js';
import { CAPABILITY_ALIASES, DEFS, IMPLEMENTED, type AddressPart } from './registry.js';
import { CONTINUE, runBlock, type Exec, type Runtime, type TestFn } from './runtime.js';
import { SHARED_TAGS, type Checked, type Def, type TagSpec, type ValueType } from './spec.js';
import {
  compileTemplate,
  decodeEncodedCharacters,
  listOf,
  parseTemplate,
  type Str,
  type StrList,
  type VarGetter,
  type VarRef,
} from './strings.js';
import type { IncludeLoader } from './types.js';

export interface CompiledScript {
  /** '' for the main script, else the include's name. */
  readonly name: string;
  readonly body: Exec[];
  readonly required: ReadonlySet<string>;
  /** Every script included (directly or not), for cache invalidation by the caller. */
  readonly includes: ReadonlyArray<{ location: 'personal' | 'global'; name: string }>;
  readonly limits: SieveLimits;
  /** imap4flags is used by some script: the implicit keep carries the internal flags. */
  readonly usesFlags: boolean;
  /** Non-fatal remarks (e.g. a vacation period clamped to the limits). */
  readonly warnings: SieveDiagnostic[];
}

const MAX_ERRORS = 20;

/** State shared by the main script and every script it includes. */
export class CompileSession {
  readonly errors: SieveDiagnostic[] = [];
  readonly warnings: SieveDiagnostic[] = [];
  readonly includeStack: string[] = [];
  readonly included = new Map<string, Exec[] | null>();
  readonly includeList: Array<{ location: 'personal' | 'global'; name: string }> = [];
  usesFlags = false;

  constructor(
    readonly available: ReadonlySet<string>,
    readonly limits: SieveLimits,
    readonly loader: IncludeLoader | undefined,
    readonly forbidden: ReadonlySet<string> = new Set(),
  ) {}
}

type IfChain = Array<{ node: CommandNode; test: TestNode | null }>;

export class ScriptCompiler {
  readonly required = new Set<string>();
  /** Variables this script declared `global` so far (RFC 6609 3.4). */
  readonly globals = new Set<string>();
  /** Names of the enclosing foreverypart loops (null for an unnamed one). */
  readonly loops: Array<string | null> = [];
  private locals = new Set<string>();

  constructor(
    readonly session: CompileSession,
    readonly name: string,
  ) {}

  get limits(): SieveLimits {
    return this.session.limits;
  }

  error(pos: Pos, message: string): void {
    if (this.session.errors.length < MAX_ERRORS) this.session.errors.push({ ...pos, message, script: this.name });
  }

  warn(pos: Pos, message: string): void {
    this.session.warnings.push({ ...pos, message, script: this.name });
  }

  has(ext: string): boolean {
    return this.required.has(ext);
  }

  // ---- blocks and commands ------------------------------------------------------------------

  compileScript(script: Script): Exec[] {
    return this.block(script.commands, true);
  }

  block(cmds: CommandNode[], top = false): Exec[] {
    const out: Exec[] = [];
    let others = false;
    for (let i = 0; i < cmds.length; i++) {
      const node = cmds[i]!;
      if (node.name === 'require') {
        if (!top || others) this.error(node.pos, 'require must come before every other command, at the top of the script');
        else this.require(node);
        continue;
      }
      others = true;
      if (node.name === 'if') {
        const chain: IfChain = [{ node, test: node.tests[0] ?? null }];
        while (cmds[i + 1] && (cmds[i + 1]!.name === 'elsif' || cmds[i + 1]!.name === 'else')) {
          const next = cmds[++i]!;
          chain.push({ node: next, test: next.name === 'elsif' ? (next.tests[0] ?? null) : null });
          if (next.name === 'else') break;
        }
        const e = this.ifChain(chain);
        if (e) out.push(e);
        continue;
      }
      if (node.name === 'elsif' || node.name === 'else') {
        this.error(node.pos, `${node.name} without a preceding if`);
        continue;
      }
      const e = this.command(node);
      if (e) out.push(e);
    }
    return out;
  }

  private require(node: CommandNode): void {
    if (node.args.length !== 1 || node.tests.length || node.block) {
      this.error(node.pos, 'require takes one argument: a capability or a list of capabilities');
      return;
    }
    const arg = node.args[0]!;
    const items = arg.type === 'string' ? [arg] : arg.type === 'list' ? arg.items : null;
    if (!items) {
      this.error(arg.pos, 'require takes a string or a string list');
      return;
    }
    for (const it of items) {
      const cap = it.value.toLowerCase();
      if (!this.session.available.has(cap)) {
        this.error(it.pos, IMPLEMENTED.has(cap) ? `capability "${it.value}" is not enabled here` : `unknown capability "${it.value}" in require`);
        continue;
      }
      this.addCapability(cap);
    }
  }

  addCapability(cap: string): void {
    this.required.add(cap);
    for (const implied of CAPABILITY_ALIASES[cap] ?? []) this.required.add(implied);
    if (cap === 'imap4flags') this.session.usesFlags = true;
  }

  private ifChain(chain: IfChain): Exec | null {
    const branches: Array<{ test: TestFn | null; body: Exec[] }> = [];
    for (const { node, test } of chain) {
      if (node.name !== 'else' && (!test || node.tests.length !== 1 || node.testList)) {
        this.error(node.pos, `${node.name} needs exactly one test before its block`);
        continue;
      }
      if (node.name === 'else' && (node.tests.length || node.args.length)) this.error(node.pos, 'else takes no arguments or tests');
      if (node.args.length && node.name !== 'else') this.error(node.args[0]!.pos, `${node.name} takes a test, not ${argKind(node.args[0]!)}`);
      if (!node.block) {
        this.error(node.pos, `${node.name} needs a block: { … }`);
        continue;
      }
      // RFC 5463 4: inside `if ihave "x"` the capability counts as required; when it is not
      // available the block can never run and is not validated.
      const caps = test ? ihaveCaps(test) : null;
      let body: Exec[];
      let testFn: TestFn | null = test ? this.test(test) : null;
      if (caps) {
        const ok = caps.every((cap) => this.session.available.has(cap.toLowerCase()));
        if (ok) {
          const saved = new Set(this.required);
          for (const cap of caps) this.addCapability(cap.toLowerCase());
          body = this.block(node.block);
          this.required.clear();
          for (const cap of saved) this.required.add(cap);
        } else {
          body = [];
          testFn = () => false;
        }
      } else body = this.block(node.block);
      branches.push({ test: testFn, body });
    }
    if (!branches.length) return null;
    return (rt) => {
      for (const b of branches) {
        if (b.test === null || b.test(rt)) return runBlock(rt, b.body);
      }
      return CONTINUE;
    };
  }

  command(node: CommandNode): Exec | null {
    const def = DEFS.commands.get(node.name);
    if (!def) {
      const asTest = DEFS.tests.get(node.name);
      this.error(node.pos, asTest ? `${node.name} is a test, not a command` : `unknown command "${node.name}"`);
      return null;
    }
    if (!this.extOk(def.ext)) {
      this.error(node.pos, `${node.name} needs require ${describeExt(def.ext)}`);
      return null;
    }
    if (this.session.forbidden.has(node.name)) {
      this.error(node.pos, `${node.name} is not allowed here`);
      return null;
    }
    if (def.block && !node.block) {
      this.error(node.pos, `${node.name} needs a block: { … }`);
      return null;
    }
    if (!def.block && node.block) {
      this.error(node.pos, `${node.name} takes no block; expected ";"`);
      return null;
    }
    if (node.tests.length) {
      const t = node.tests[0]!;
      this.error(t.pos, DEFS.commands.has(t.name) ? `missing ";" between ${node.name} and ${t.name}` : `${node.name} takes no test`);
      return null;
    }
    const ch = this.check(node, def) as Checked<CommandNode> | null;
    if (!ch) return null;
    const exec = def.compile(ch, this);
    if (!exec) return null;
    const pos = node.pos;
    const script = this.name;
    return (rt) => {
      rt.pos = pos;
      rt.script = script;
      rt.tick();
      return exec(rt);
    };
  }

  test(node: TestNode): TestFn | null {
    const def = DEFS.tests.get(node.name);
    if (!def) {
      const asCmd = DEFS.commands.get(node.name);
      this.error(node.pos, asCmd || node.name === 'if' ? `${node.name} is a command, not a test` : `unknown test "${node.name}"`);
      return null;
    }
    if (!this.extOk(def.ext)) {
      this.error(node.pos, `${node.name} needs require ${describeExt(def.ext)}`);
      return null;
    }
    if (def.tests === 'one' && (node.tests.length !== 1 || node.testList)) {
      this.error(node.pos, `${node.name} takes exactly one test`);
      return null;
    }
    if (def.tests === 'list' && !node.testList) {
      this.error(node.pos, `${node.name} takes a test list: ( test, test, … )`);
      return null;
    }
    if (!def.tests && node.tests.length) {
      const t = node.tests[0]!;
      this.error(t.pos, node.testList ? `${node.name} takes no test list` : `unexpected test "${t.name}" after ${node.name} (missing ","?)`);
      return null;
    }
    const ch = this.check(node, def);
    if (!ch) return null;
    const fn = def.compile(ch, this);
    if (!fn) return null;
    const pos = node.pos;
    const name = node.name;
    return (rt) => {
      rt.pos = pos;
      rt.tick();
      const r = fn(rt);
      if (rt.trace) rt.log(`${name} test: ${r ? 'true' : 'false'}`);
      return r;
    };
  }

  /** Sub-tests of anyof/allof/not, compiled. */
  subtests(node: TestNode): TestFn[] | null {
    const out: TestFn[] = [];
    let ok = true;
    for (const t of node.tests) {
      const f = this.test(t);
      if (f) out.push(f);
      else ok = false;
    }
    return ok ? out : null;
  }

  private extOk(ext: string | string[] | null): boolean {
    if (ext === null) return true;
    return Array.isArray(ext) ? ext.some((e) => this.required.has(e)) : this.required.has(ext);
  }

  // ---- arguments ----------------------------------------------------------------------------

  check<N extends TestNode>(node: N, def: Def): Checked<N> | null {
    const specs: Record<string, TagSpec> = {};
    for (const set of def.sets ?? []) Object.assign(specs, SHARED_TAGS[set]);
    Object.assign(specs, def.tags ?? {});
    const tags = new Map<string, Arg>();
    const groups = new Map<string, string>();
    const args = node.args;
    let i = 0;
    let ok = true;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a.type !== 'tag') break;
      const spec = Object.prototype.hasOwnProperty.call(specs, a.name) ? specs[a.name] : undefined;
      if (!spec) {
        this.error(a.pos, `unknown tagged argument :${a.name} for ${node.name}`);
        ok = false;
        if (args[i + 1] && args[i + 1]!.type !== 'tag' && i + 1 < args.length - def.args.length) i++;
        continue;
      }
      if (spec.ext && !this.extOk(spec.ext)) {
        this.error(a.pos, `:${a.name} needs require ${describeExt(spec.ext)}`);
        ok = false;
        if (spec.value) i++;
        continue;
      }
      if (tags.has(a.name)) {
        this.error(a.pos, `:${a.name} is given twice`);
        ok = false;
      }
      if (spec.group) {
        const other = groups.get(spec.group);
        if (other) {
          this.error(a.pos, `:${a.name} cannot be combined with :${other}`);
          ok = false;
        }
        groups.set(spec.group, a.name);
      }
      if (spec.value) {
        const v = args[i + 1];
        if (!v || v.type === 'tag' || !fits(v, spec.value)) {
          this.error(v && v.type !== 'tag' ? v.pos : a.pos, `:${a.name} must be followed by ${typeName(spec.value)}${v ? `, found ${argKind(v)}` : ''}`);
          ok = false;
          if (v && v.type !== 'tag') i++;
          continue;
        }
        tags.set(a.name, v);
        i++;
      } else tags.set(a.name, a);
    }
    const positional = args.slice(i);
    const out: Array<Arg | undefined> = [];
    const required = def.args.filter((p) => !p.optional).length;
    // Optional positionals are at the end (deleteheader's value-patterns, setflag's variable is first
    // but declared through `optional` on the first spec and filled from the right).
    // Optional positionals left out are the first optional ones (setflag's variable, hasflag's
    // variable list, deleteheader's value patterns).
    let skip = Math.max(0, def.args.length - positional.length);
    if (positional.length < required) {
      const missing = def.args.filter((p) => !p.optional)[positional.length] ?? def.args[positional.length]!;
      const at = positional.length ? positional[positional.length - 1]!.pos : node.pos;
      this.error(at, `${node.name}: missing ${missing.name} (${typeName(missing.type)})`);
      return null;
    }
    let pi = 0;
    for (let k = 0; k < def.args.length; k++) {
      const spec = def.args[k]!;
      if (spec.optional && skip > 0) {
        skip--;
        out.push(undefined);
        continue;
      }
      const a = positional[pi++];
      if (!a) {
        out.push(undefined);
        continue;
      }
      if (a.type === 'tag') {
        this.error(a.pos, `:${a.name}: tagged arguments must come before ${node.name}'s ${spec.name}`);
        ok = false;
      } else if (!fits(a, spec.type)) {
        this.error(a.pos, `${node.name}: ${spec.name} must be ${typeName(spec.type)}, found ${argKind(a)}`);
        ok = false;
      }
      out.push(a);
    }
    if (pi < positional.length) {
      const extra = positional[pi]!;
      this.error(extra.pos, extra.type === 'tag' ? `:${extra.name}: tagged arguments must come before the positional arguments of ${node.name}` : `unexpected ${argKind(extra)}: ${node.name} takes ${describeArgs(def)}`);
      ok = false;
    }
    if (tags.has('last') && specs.index && !tags.has('index') && def.tags?.last === undefined) {
      this.error(tags.get('last')!.pos, ':last needs :index');
      ok = false;
    }
    const idx = tags.get('index');
    if (idx && idx.type === 'number' && idx.value < 1 && specs.index) {
      this.error(idx.pos, ':index counts from 1');
      ok = false;
    }
    return ok ? { node, tags, args: out } : null;
  }

  // ---- values -----------------------------------------------------------------------------

  private text(a: StringArg): string {
    if (!this.has('encoded-character')) return a.value;
    try {
      return decodeEncodedCharacters(a.value);
    } catch (e) {
      this.error(a.pos, (e as Error).message);
      return a.value;
    }
  }

  /** A string argument: constant, or a template when variables are in use. */
  str(a: Arg | undefined): Str {
    if (!a || a.type !== 'string') return '';
    const text = this.text(a);
    if (!this.has('variables')) return text;
    const parts = parseTemplate(text);
    if (!parts) return text;
    return compileTemplate(parts, (ref) => this.getter(ref, a.pos), this.limits.maxVariableSize);
  }

  /** A string that must not depend on variables (comparator names, relations, …). */
  constStr(a: Arg | undefined, what: string): string {
    if (!a || a.type !== 'string') return '';
    const text = this.text(a);
    if (this.has('variables') && parseTemplate(text)) this.error(a.pos, `${what} must be a constant string, without variables`);
    return text;
  }

  strings(a: Arg | undefined): StrList {
    if (!a) return [];
    if (a.type === 'string') return listOf([this.str(a)]);
    if (a.type === 'list') return listOf(a.items.map((it) => this.str(it)));
    return [];
  }

  constStrings(a: Arg | undefined, what: string): string[] {
    if (!a) return [];
    const items = a.type === 'string' ? [a] : a.type === 'list' ? a.items : [];
    return items.map((it) => this.constStr(it, what));
  }

  num(a: Arg | undefined): number {
    return a && a.type === 'number' ? a.value : 0;
  }

  /** Declare a variable assigned by set/setflag, counting the script's variables. */
  declareVariable(name: string, pos: Pos): void {
    const n = name.toLowerCase();
    if (this.globals.has(n) || this.locals.has(n)) return;
    this.locals.add(n);
    if (this.locals.size > this.limits.maxVariables) this.error(pos, `too many variables (more than ${this.limits.maxVariables})`);
  }

  /** Read access to a variable reference, resolved at compile time to local or global. */
  getter(ref: VarRef, pos: Pos): VarGetter {
    if (ref.num !== null) {
      const n = ref.num;
      return (rt) => rt.matchVars[n] ?? '';
    }
    if (ref.ns === 'global') {
      if (!this.has('include')) this.error(pos, '${global.…} needs require "include"');
      const n = ref.name;
      return (rt) => rt.globals.get(n) ?? '';
    }
    if (ref.ns !== null) {
      this.error(pos, `unknown variable namespace "${ref.ns}"`);
      return () => '';
    }
    const n = ref.name;
    if (this.globals.has(n)) return (rt) => rt.globals.get(n) ?? '';
    return (rt) => rt.vars.get(n) ?? '';
  }

  /** Write access (set, setflag's variable): the map holding the variable. */
  setter(name: string, pos: Pos): (rt: Runtime, value: string) => void {
    let n = name.toLowerCase();
    let global = this.globals.has(n);
    if (n.startsWith('global.')) {
      if (!this.has('include')) this.error(pos, 'global.… needs require "include"');
      n = n.slice(7);
      global = true;
    }
    this.declareVariable(n, pos);
    const max = this.limits.maxVariableSize;
    return global
      ? (rt, v) => void rt.globals.set(n, v.length > max ? v.slice(0, max) : v)
      : (rt, v) => void rt.vars.set(n, v.length > max ? v.slice(0, max) : v);
  }

  // ---- comparators, match types, address parts ------------------------------------------------

  comparator(ch: Checked, fallback = 'i;ascii-casemap'): Comparator {
    const a = ch.tags.get('comparator');
    if (!a) return COMPARATORS[fallback]!;
    const name = this.constStr(a, 'a comparator name').toLowerCase();
    const cmp = COMPARATORS[name];
    if (!cmp) {
      this.error(a.pos, `unknown comparator "${name}"`);
      return COMPARATORS[fallback]!;
    }
    if (name === 'i;ascii-numeric' && !this.has('comparator-i;ascii-numeric')) {
      this.error(a.pos, 'comparator "i;ascii-numeric" needs require "comparator-i;ascii-numeric"');
    }
    return cmp;
  }

  matchType(ch: Checked): MatchType {
    for (const k of ['is', 'contains', 'matches', 'regex'] as const) if (ch.tags.has(k)) return { kind: k };
    for (const k of ['value', 'count'] as const) {
      const a = ch.tags.get(k);
      if (!a) continue;
      const rel = this.constStr(a, 'a relational operator').toLowerCase();
      if (!RELATIONS.includes(rel as Relation)) {
        this.error(a.pos, `unknown relational operator "${rel}" (expected gt, ge, lt, le, eq or ne)`);
        return { kind: k, rel: 'eq' };
      }
      return { kind: k, rel: rel as Relation };
    }
    return { kind: 'is' };
  }

  /** Build the matcher of a test from its comparator, match type and keys. */
  matcher(ch: Checked, keysArg: Arg | undefined, fallbackComparator = 'i;ascii-casemap', capture = true): Matcher {
    const cmp = this.comparator(ch, fallbackComparator);
    const type = this.matchType(ch);
    if (!cmp.substring && (type.kind === 'contains' || type.kind === 'matches' || type.kind === 'regex')) {
      const tag = ch.tags.get(type.kind) ?? ch.node.args[0]!;
      this.error(tag.pos, `comparator "${cmp.name}" cannot be used with :${type.kind}`);
    }
    const keys = this.strings(keysArg);
    const opts = { comparator: cmp, type, keys, capture: capture && this.has('variables'), maxRegexSize: this.limits.maxRegexSize };
    const problem = checkKeys(opts);
    if (problem) this.error(keysArg?.pos ?? ch.node.pos, problem);
    return makeMatcher(opts);
  }

  addressPart(ch: Checked): AddressPart {
    for (const k of ['localpart', 'domain', 'user', 'detail', 'all'] as const) if (ch.tags.has(k)) return k;
    return 'all';
  }

  // ---- include ------------------------------------------------------------------------------

  /** Compile an included script once per session; null when missing (the caller decides). */
  include(location: 'personal' | 'global', name: string, pos: Pos): Exec[] | null | undefined {
    const key = `${location}:${name}`;
    const s = this.session;
    if (s.includeStack.includes(key) || key === `personal:${this.name}`) {
      this.error(pos, `include loop: ${[...s.includeStack, key].join(' → ')}`);
      return undefined;
    }
    if (s.included.has(key)) return s.included.get(key)!;
    if (s.includeStack.length >= s.limits.maxIncludeDepth) {
      this.error(pos, `includes nested too deeply (more than ${s.limits.maxIncludeDepth})`);
      return undefined;
    }
    if (s.includeList.length >= s.limits.maxIncludes) {
      this.error(pos, `too many included scripts (more than ${s.limits.maxIncludes})`);
      return undefined;
    }
    const text = s.loader?.load(name, location) ?? null;
    if (text === null) {
      s.included.set(key, null);
      return null;
    }
    s.includeList.push({ location, name });
    s.includeStack.push(key);
    const sub = new ScriptCompiler(s, name);
    const body = compileText(sub, text);
    s.includeStack.pop();
    s.included.set(key, body);
    return body;
  }
}

/** Lex, parse and compile one script's text with `c`; errors go to the session. */
export function compileText(c: ScriptCompiler, text: string | Buffer): Exec[] {
  const limits = c.limits;
  const size = typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.length;
  if (size > limits.maxScriptBytes) {
    c.error({ line: 1, col: 1 }, `script too large (${size} bytes, at most ${limits.maxScriptBytes})`);
    return [];
  }
  let src: string;
  if (typeof text === 'string') src = text;
  else {
    const bad = invalidUtf8Pos(text);
    if (bad) {
      c.error(bad, 'script is not valid UTF-8');
      return [];
    }
    src = text.toString('utf8');
  }
  if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
  let ast: Script;
  try {
    ast = parseScript(src, { maxNesting: limits.maxNesting, maxListItems: limits.maxListItems });
  } catch (e) {
    if (e instanceof SieveSyntaxError) {
      c.error(e.pos, e.message);
      return [];
    }
    throw e;
  }
  return c.compileScript(ast);
}


function ihaveCaps(t: TestNode): string[] | null {
  if (t.name === 'ihave') {
    const a = t.args[0];
    if (!a) return null;
    return a.type === 'string' ? [a.value] : a.type === 'list' ? a.items.map((x) => x.value) : null;
  }
  if (t.name === 'allof') {
    const caps = t.tests.map(ihaveCaps).filter((x): x is string[] => x !== null);
    return caps.length ? caps.flat() : null;
  }
  return null;
}

function fits(a: Arg, t: ValueType): boolean {
  if (t === 'number') return a.type === 'number';
  if (t === 'string') return a.type === 'string';
  return a.type === 'string' || a.type === 'list';
}

function typeName(t: ValueType): string {
  return t === 'number' ? 'a number' : t === 'string' ? 'a string' : 'a string list';
}

function argKind(a: Arg): string {
  switch (a.type) {
    case 'string': return 'a string';
    case 'list': return 'a string list';
    case 'number': return 'a number';
    case 'tag': return `tag :${a.name}`;
  }
}

function describeExt(ext: string | string[] | null): string {
  if (ext === null) return '';
  return Array.isArray(ext) ? ext.map((e) => `"${e}"`).join(' or ') : `"${ext}"`;
}

function describeArgs(def: Def): string {
  if (!def.args.length) return 'no positional arguments';
  return def.args.map((a) => (a.optional ? `[${a.name}]` : a.name)).join(' ');
}
