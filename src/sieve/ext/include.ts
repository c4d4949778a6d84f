// include, return and global (RFC 6609). Included scripts are compiled with the includer (loops
// and depth refused at compile time) and run with their own local variables; `global` names
// variables shared by every script of the run.
import { CONTINUE, RETURN, runBlock, STOP } from '../runtime.js';
import type { CommandDef } from '../spec.js';

const SCRIPT_NAME = /^[^/\\\x00-\x1f\x7f]{1,255}$/;

export const includeCommands: Record<string, CommandDef> = {
  include: {
    kind: 'command', ext: 'include',
    tags: { personal: { group: 'location' }, global: { group: 'location' }, once: {}, optional: {} },
    args: [{ name: 'script name', type: 'string' }],
    compile(ch, c) {
      const name = c.constStr(ch.args[0], 'an included script name');
      if (!SCRIPT_NAME.test(name) || name === '.' || name === '..') {
        c.error(ch.args[0]!.pos, `invalid script name "${name}"`);
        return null;
      }
      const location = ch.tags.has('global') ? 'global' : 'personal';
      const once = ch.tags.has('once');
      const optional = ch.tags.has('optional');
      const body = c.include(location, name, ch.node.pos);
      if (body === undefined) return null;
      if (body === null) {
        if (!optional) c.error(ch.args[0]!.pos, `included ${location} script "${name}" does not exist`);
        return () => CONTINUE;
      }
      const key = `${location}:${name}`;
      return (rt) => {
        if (once) {
          if (rt.includedOnce.has(key)) return CONTINUE;
          rt.includedOnce.add(key);
        }
        const savedVars = rt.vars;
        const savedScript = rt.script;
        rt.vars = new Map();
        try {
          const r = runBlock(rt, body);
          // RFC 6609 3.3: return ends only the included script; stop ends everything.
          return r === STOP ? STOP : CONTINUE;
        } finally {
          rt.vars = savedVars;
          rt.script = savedScript;
        }
      };
    },
  },
  return: {
    kind: 'command', ext: 'include', args: [],
    compile: () => () => RETURN,
  },
  global: {
    kind: 'command', ext: 'include', args: [{ name: 'variable names', type: 'strings' }],
    compile(ch, c) {
      if (!c.has('variables')) {
        c.error(ch.node.pos, 'global needs require "variables" too');
        return null;
      }
      for (const n of c.constStrings(ch.args[0], 'a variable name')) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) c.error(ch.args[0]!.pos, `"${n}" is not a valid variable name`);
        else c.globals.add(n.toLowerCase());
      }
      return () => CONTINUE;
    },
  },
};
