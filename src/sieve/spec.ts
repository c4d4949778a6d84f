// How commands and tests are declared: positional arguments, tagged arguments (with the
// capability each needs and the group it excludes others from), sub-tests and blocks. The
// validator checks a node against its declaration generically; each extension then compiles
// the checked node into a closure.
import type { Arg, CommandNode, TestNode } from './ast.js';
import type { ScriptCompiler } from './compiler.js';
import type { Exec, TestFn } from './runtime.js';

export type ValueType = 'string' | 'strings' | 'number';

export interface TagSpec {
  /** Capability (any of them) that must be required for the tag to exist. */
  ext?: string | string[];
  /** Type of the argument that follows the tag, if any. */
  value?: ValueType;
  /** At most one tag of a group (:is/:contains/…, :localpart/:domain/…). */
  group?: string;
}

export interface PositionalSpec {
  name: string;
  type: ValueType;
  optional?: boolean;
}

/** Shared tag sets (RFC 5228 2.7 and the extensions that add to them). */
export type TagSet = 'comparator' | 'match' | 'address' | 'index' | 'mime';

interface DefBase {
  /** Capability that must be required (null: part of RFC 5228). Any of a list will do. */
  ext: string | string[] | null;
  tags?: Record<string, TagSpec>;
  sets?: TagSet[];
  args: PositionalSpec[];
}

export interface CommandDef extends DefBase {
  kind: 'command';
  /** `{ … }` after the arguments: required or forbidden. */
  block?: boolean;
  compile(ch: Checked<CommandNode>, c: ScriptCompiler): Exec | null;
}

export interface TestDef extends DefBase {
  kind: 'test';
  /** Sub-tests: one (not), a list (anyof, allof) or none. */
  tests?: 'one' | 'list';
  compile(ch: Checked<TestNode>, c: ScriptCompiler): TestFn | null;
}

export type Def = CommandDef | TestDef;

/** A node whose arguments matched its declaration. */
export interface Checked<N extends TestNode = TestNode> {
  node: N;
  /** Tags given, by name: the value argument when the tag takes one, else the tag itself. */
  tags: Map<string, Arg>;
  /** Positional arguments in declaration order (undefined for an omitted optional one). */
  args: Array<Arg | undefined>;
}

export const SHARED_TAGS: Record<TagSet, Record<string, TagSpec>> = {
  comparator: { comparator: { value: 'string', group: 'comparator' } },
  match: {
    is: { group: 'match' },
    contains: { group: 'match' },
    matches: { group: 'match' },
    regex: { group: 'match', ext: 'regex' },
    value: { group: 'match', ext: 'relational', value: 'string' },
    count: { group: 'match', ext: 'relational', value: 'string' },
  },
  address: {
    all: { group: 'address-part' },
    localpart: { group: 'address-part' },
    domain: { group: 'address-part' },
    user: { group: 'address-part', ext: 'subaddress' },
    detail: { group: 'address-part', ext: 'subaddress' },
  },
  index: {
    index: { ext: 'index', value: 'number' },
    last: { ext: 'index' },
  },
  mime: {
    mime: { ext: 'mime' },
    anychild: { ext: 'mime' },
    type: { ext: 'mime', group: 'mime-option' },
    subtype: { ext: 'mime', group: 'mime-option' },
    contenttype: { ext: 'mime', group: 'mime-option' },
    param: { ext: 'mime', group: 'mime-option', value: 'strings' },
  },
};
