// foreverypart, break and extracttext (RFC 5703 3, 7). foreverypart visits the current part
// (the whole message at the top) and every part below it, depth first, attached messages
// included, as Pigeonhole does; a nested loop visits the parts below the current one.
import type { MimePart } from '../../mime/index.js';
import { allParts, decodedPartText, htmlToSieveText } from '../message.js';
import { BREAK, CONTINUE, RETURN, runBlock, STOP } from '../runtime.js';
import type { CommandDef } from '../spec.js';
import { truncateValue } from '../strings.js';
import { MODIFIERS } from './variables.js';

const MAX_PARTS = 1000;

export const mimeCommands: Record<string, CommandDef> = {
  foreverypart: {
    kind: 'command', ext: 'foreverypart', block: true,
    tags: { name: { value: 'string' } },
    args: [],
    compile(ch, c) {
      const name = ch.tags.has('name') ? c.constStr(ch.tags.get('name'), 'a loop name') : null;
      c.loops.push(name);
      const body = c.block(ch.node.block!);
      c.loops.pop();
      const nested = c.loops.length > 0;
      return (rt) => {
        const saved = rt.part;
        const cur = rt.part ?? rt.msg.root;
        const parts: MimePart[] = nested && saved ? allParts(cur).slice(1) : allParts(cur);
        try {
          for (const p of parts.slice(0, MAX_PARTS)) {
            rt.part = p;
            rt.tick();
            const r = runBlock(rt, body);
            if (r === BREAK) {
              if (rt.breakName === null || rt.breakName === name) {
                rt.breakName = null;
                break;
              }
              return BREAK;
            }
            if (r === STOP || r === RETURN) return r;
          }
        } finally {
          rt.part = saved;
        }
        return CONTINUE;
      };
    },
  },
  break: {
    kind: 'command', ext: 'foreverypart',
    tags: { name: { value: 'string' } },
    args: [],
    compile(ch, c) {
      const name = ch.tags.has('name') ? c.constStr(ch.tags.get('name'), 'a loop name') : null;
      if (!c.loops.length) {
        c.error(ch.node.pos, 'break outside foreverypart');
        return null;
      }
      if (name !== null && !c.loops.includes(name)) {
        c.error(ch.tags.get('name')!.pos, `break :name "${name}": no enclosing foreverypart has that name`);
        return null;
      }
      return (rt) => {
        rt.breakName = name;
        return BREAK;
      };
    },
  },
  extracttext: {
    kind: 'command', ext: 'extracttext',
    tags: {
      first: { value: 'number' },
      lower: {}, upper: {}, lowerfirst: {}, upperfirst: {}, quotewildcard: {}, length: {},
    },
    args: [{ name: 'variable name', type: 'string' }],
    compile(ch, c) {
      if (!c.has('variables')) {
        c.error(ch.node.pos, 'extracttext needs require "variables" too');
        return null;
      }
      if (!c.loops.length) {
        c.error(ch.node.pos, 'extracttext is only allowed inside foreverypart');
        return null;
      }
      const nameArg = ch.args[0]!;
      const name = nameArg.type === 'string' ? nameArg.value : '';
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        c.error(nameArg.pos, `"${name}" is not a valid variable name`);
        return null;
      }
      const firstArg = ch.tags.get('first');
      const first = firstArg && firstArg.type === 'number' ? firstArg.value : 0;
      const set = c.setter(name, nameArg.pos);
      const max = c.limits.maxVariableSize;
      const maxBody = c.limits.maxBodyBytes;
      // Modifiers apply in precedence order, as for set.
      const mods = [...ch.tags.keys()].filter((k) => MODIFIERS[k]).sort((a, b) => MODIFIERS[b]!.prec - MODIFIERS[a]!.prec);
      return (rt) => {
        const p = rt.part ?? rt.msg.root;
        let text = '';
        // RFC 5703 7: the text of a text/* part; other parts give "".
        if (p.type === 'text') {
          text = decodedPartText(rt.msg, p, maxBody);
          if (p.subtype === 'html') text = htmlToSieveText(text);
        }
        if (first) text = [...text].slice(0, first).join('');
        for (const m of mods) text = MODIFIERS[m]!.fn(text);
        set(rt, truncateValue(text, max));
        return CONTINUE;
      };
    },
  },
};

