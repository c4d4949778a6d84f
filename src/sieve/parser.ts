// RFC 5228 8.2 grammar to a syntax tree. Pure syntax: which commands exist and what arguments
// they take is the validator's business. Nesting is bounded here so that a script of 100,000 "("
// is refused with a position instead of overflowing the stack.
import type { Arg, CommandNode, Script, StringArg, TestNode } from './ast.js';
import { SieveSyntaxError, type Pos } from './errors.js';
import { describeToken, Lexer, type Token } from './lexer.js';

export interface ParseLimits {
  /** Deepest nesting of blocks and tests together. */
  maxNesting: number;
  /** Most items in one string list, commands in the script and arguments of a command. */
  maxListItems: number;
}

class Parser {
  private tok: Token;
  private depth = 0;
  private commands = 0;

  constructor(
    private readonly lex: Lexer,
    private readonly limits: ParseLimits,
  ) {
    this.tok = lex.next();
  }

  private fail(pos: Pos, msg: string): never {
    throw new SieveSyntaxError(pos, msg);
  }

  /** End of the token before the current one. */
  private prevEnd: Pos = { line: 1, col: 1 };

  private advance(): Token {
    const t = this.tok;
    this.prevEnd = this.lex.lastEnd;
    this.tok = this.lex.next();
    return t;
  }

  private isPunct(v: string): boolean {
    return this.tok.t === 'punct' && this.tok.v === v;
  }

  private expected(what: string): never {
    this.fail(this.tok.pos, `expected ${what}, found ${describeToken(this.tok)}`);
  }

  private enter(pos: Pos): void {
    if (++this.depth > this.limits.maxNesting) this.fail(pos, `nesting too deep (more than ${this.limits.maxNesting} levels of blocks and tests)`);
  }

  script(): Script {
    const commands = this.commandList(true);
    return { commands };
  }

  private commandList(top: boolean): CommandNode[] {
    const out: CommandNode[] = [];
    for (;;) {
      if (this.tok.t === 'eof') {
        if (!top) this.expected('"}" to close the block');
        return out;
      }
      if (!top && this.isPunct('}')) return out;
      if (this.tok.t !== 'id') this.expected(top ? 'a command' : 'a command or "}"');
      if (++this.commands > this.limits.maxListItems) this.fail(this.tok.pos, `too many commands (more than ${this.limits.maxListItems})`);
      out.push(this.command());
    }
  }

  private command(): CommandNode {
    const id = this.advance() as Extract<Token, { t: 'id' }>;
    const { args, tests, testList } = this.arguments();
    let block: CommandNode[] | null = null;
    if (this.isPunct(';')) this.advance();
    else if (this.isPunct('{')) {
      const open = this.advance();
      this.enter(open.pos);
      block = this.commandList(false);
      this.advance(); // "}"
      this.depth--;
    } else if (this.tok.t === 'eof' || this.isPunct('}') || this.tok.t === 'id' || this.tok.pos.line > this.prevEnd.line) {
      this.fail(this.prevEnd, `missing ";" after the ${id.v} command`);
    } else this.expected(`";" or "{" after the arguments of ${id.v}`);
    return { name: id.v, pos: id.pos, args, tests, testList, block };
  }

  private arguments(): { args: Arg[]; tests: TestNode[]; testList: boolean } {
    const args: Arg[] = [];
    for (;;) {
      const t = this.tok;
      if (t.t === 'str') {
        this.advance();
        args.push({ type: 'string', value: t.v, pos: t.pos, multiline: t.multiline });
      } else if (t.t === 'num') {
        this.advance();
        args.push({ type: 'number', value: t.v, pos: t.pos });
      } else if (t.t === 'tag') {
        this.advance();
        args.push({ type: 'tag', name: t.v, pos: t.pos });
      } else if (this.isPunct('[')) {
        args.push(this.stringList());
      } else break;
      if (args.length > this.limits.maxListItems) this.fail(t.pos, 'too many arguments');
    }
    if (this.tok.t === 'id') return { args, tests: [this.test()], testList: false };
    if (this.isPunct('(')) return { args, tests: this.testList(), testList: true };
    return { args, tests: [], testList: false };
  }

  private stringList(): Arg {
    const open = this.advance();
    const items: StringArg[] = [];
    for (;;) {
      const t = this.tok;
      if (t.t !== 'str') this.expected(items.length ? 'a string' : 'a string (a string list cannot be empty)');
      this.advance();
      items.push({ type: 'string', value: t.v, pos: t.pos, multiline: t.multiline });
      if (items.length > this.limits.maxListItems) this.fail(t.pos, `string list too long (more than ${this.limits.maxListItems} items)`);
      if (this.isPunct(',')) {
        this.advance();
        continue;
      }
      if (this.isPunct(']')) {
        this.advance();
        return { type: 'list', items, pos: open.pos };
      }
      this.expected('"," or "]" in the string list');
    }
  }

  private test(): TestNode {
    if (this.tok.t !== 'id') this.expected('a test');
    const id = this.advance() as Extract<Token, { t: 'id' }>;
    this.enter(id.pos);
    const { args, tests, testList } = this.arguments();
    this.depth--;
    return { name: id.v, pos: id.pos, args, tests, testList };
  }

  private testList(): TestNode[] {
    const open = this.advance();
    this.enter(open.pos);
    const tests: TestNode[] = [];
    for (;;) {
      tests.push(this.test());
      if (tests.length > this.limits.maxListItems) this.fail(open.pos, 'test list too long');
      if (this.isPunct(',')) {
        this.advance();
        continue;
      }
      if (this.isPunct(')')) {
        this.advance();
        this.depth--;
        return tests;
      }
      this.expected('"," or ")" in the test list');
    }
  }
}

/** Parse a whole script; throws SieveSyntaxError at the first error. */
export function parseScript(text: string, limits: ParseLimits): Script {
  return new Parser(new Lexer(text), limits).script();
}
