// imap4flags (RFC 5232): setflag, addflag, removeflag on the internal variable or a named
// variable, and the hasflag test. Flags are kept as a list without duplicates (system flags
// compared case-insensitively); a variable holds them space-separated.
import type { ScriptCompiler } from '../compiler.js';
import { CONTINUE, normaliseFlags, type Runtime } from '../runtime.js';
import type { Checked, CommandDef, TestDef } from '../spec.js';
import { evalList, parseTemplate } from '../strings.js';
import type { Flags } from '../types.js';

type FlagOp = 'set' | 'add' | 'remove';

function apply(op: FlagOp, cur: Flags, given: Flags): Flags {
  if (op === 'set') return given;
  if (op === 'add') return normaliseFlags([...cur, ...given]);
  const drop = new Set(given.map((f) => f.toLowerCase()));
  return cur.filter((f) => !drop.has(f.toLowerCase()));
}

function variableName(c: ScriptCompiler, ch: Checked, idx: number): string | null {
  const a = ch.args[idx];
  if (!a || a.type !== 'string') return null;
  if (!c.has('variables')) {
    c.error(a.pos, `${ch.node.name} with a variable name needs require "variables"`);
    return null;
  }
  if (parseTemplate(a.value) || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(a.value)) {
    c.error(a.pos, `"${a.value}" is not a variable name`);
    return null;
  }
  return a.value.toLowerCase();
}

function flagCommand(op: FlagOp): CommandDef {
  return {
    kind: 'command', ext: 'imap4flags',
    args: [{ name: 'variable name', type: 'string', optional: true }, { name: 'flag list', type: 'strings' }],
    compile(ch, c) {
      const list = c.strings(ch.args[1]);
      const varName = ch.args[0] ? variableName(c, ch, 0) : null;
      if (varName) {
        const set = c.setter(varName, ch.args[0]!.pos);
        const get = c.getter({ ns: varName.startsWith('global.') ? 'global' : null, name: varName.replace(/^global\./, ''), num: null }, ch.args[0]!.pos);
        return (rt) => {
          const cur = normaliseFlags([get(rt)]);
          set(rt, apply(op, cur, normaliseFlags(evalList(rt, list))).join(' '));
          return CONTINUE;
        };
      }
      return (rt) => {
        rt.flags = apply(op, rt.flags, normaliseFlags(evalList(rt, list)));
        if (rt.trace) rt.log(`${op}flag: flags now "${rt.flags.join(' ')}"`);
        return CONTINUE;
      };
    },
  };
}

export const imap4flagsCommands: Record<string, CommandDef> = {
  setflag: flagCommand('set'),
  addflag: flagCommand('add'),
  removeflag: flagCommand('remove'),
};

export const imap4flagsTests: Record<string, TestDef> = {
  hasflag: {
    kind: 'test', ext: 'imap4flags', sets: ['comparator', 'match'],
    args: [{ name: 'variable list', type: 'strings', optional: true }, { name: 'flag list', type: 'strings' }],
    compile(ch, c) {
      const m = c.matcher(ch, ch.args[1]);
      let vars: Array<(rt: Runtime) => string> | null = null;
      if (ch.args[0]) {
        if (!c.has('variables')) {
          c.error(ch.args[0].pos, 'hasflag with variable names needs require "variables"');
          return null;
        }
        const names = c.constStrings(ch.args[0], 'a variable name');
        vars = names.map((n) => c.getter({ ns: null, name: n.toLowerCase(), num: null }, ch.args[0]!.pos));
      }
      return (rt) => {
        const flags = vars ? normaliseFlags(vars.map((g) => g(rt))) : rt.flags;
        return m(rt, flags);
      };
    },
  },
};

