// editheader (RFC 5293): addheader and deleteheader change the header later tests see and the
// message the pipeline stores (SieveResult.headers). Received and Auto-Submitted cannot be deleted
// (RFC 5293 6, as Pigeonhole enforces); a value is limited in size.
import type { HeaderField } from '../../mime/index.js';
import { decodeHeaderValue } from '../message.js';
import { CONTINUE } from '../runtime.js';
import type { CommandDef } from '../spec.js';
import { evalStr } from '../strings.js';

const FIELD_NAME = /^[!-9;-~]+$/;
const PROTECTED = new Set(['received', 'auto-submitted']);

function badValue(v: string): string | null {
  if (/[\x00\r\n]/.test(v.replace(/\r\n[ \t]/g, ' '))) return 'header value contains a line break';
  return null;
}

export const editheaderCommands: Record<string, CommandDef> = {
  addheader: {
    kind: 'command', ext: 'editheader',
    tags: { last: {} },
    args: [{ name: 'field name', type: 'string' }, { name: 'value', type: 'string' }],
    compile(ch, c) {
      const name = c.str(ch.args[0]);
      const value = c.str(ch.args[1]);
      const last = ch.tags.has('last');
      const max = c.limits.maxHeaderValueBytes;
      if (typeof name === 'string' && !FIELD_NAME.test(name)) c.error(ch.args[0]!.pos, `addheader: "${name}" is not a valid header field name`);
      if (typeof value === 'string') {
        const problem = badValue(value);
        if (problem) c.error(ch.args[1]!.pos, `addheader: ${problem}`);
        if (Buffer.byteLength(value) > max) c.error(ch.args[1]!.pos, `addheader: value longer than ${max} bytes`);
      }
      return (rt) => {
        const n = evalStr(rt, name);
        const v = evalStr(rt, value);
        if (!FIELD_NAME.test(n)) rt.fail(`addheader: "${n}" is not a valid header field name`);
        const problem = badValue(v) ?? (Buffer.byteLength(v) > max ? `value longer than ${max} bytes` : null);
        if (problem) rt.fail(`addheader: ${problem}`);
        const field: HeaderField = { name: n, value: v.replace(/\r\n([ \t])/g, '$1') };
        const h = rt.headers;
        rt.setHeaders(last ? [...h, field] : [field, ...h]);
        rt.other({ type: 'addheader', name: n, value: v, last });
        if (rt.trace) rt.log(`addheader "${n}: ${v}"`);
        return CONTINUE;
      };
    },
  },
  deleteheader: {
    kind: 'command', ext: 'editheader', sets: ['comparator', 'match', 'index'],
    args: [{ name: 'field name', type: 'string' }, { name: 'value patterns', type: 'strings', optional: true }],
    compile(ch, c) {
      const name = c.str(ch.args[0]);
      if (typeof name === 'string' && !FIELD_NAME.test(name)) c.error(ch.args[0]!.pos, `deleteheader: "${name}" is not a valid header field name`);
      const patterns = ch.args[1] ? c.matcher(ch, ch.args[1]) : null;
      const idxArg = ch.tags.get('index');
      const index = idxArg && idxArg.type === 'number' ? idxArg.value : 0;
      const last = ch.tags.has('last');
      return (rt) => {
        const n = evalStr(rt, name).toLowerCase();
        if (PROTECTED.has(n)) {
          if (rt.trace) rt.log(`deleteheader "${n}": protected, left alone`);
          return CONTINUE;
        }
        const h = rt.headers;
        const positions: number[] = [];
        h.forEach((f, i) => {
          if (f.name.toLowerCase() === n) positions.push(i);
        });
        let chosen = positions;
        if (index) {
          const k = last ? positions.length - index : index - 1;
          chosen = k >= 0 && k < positions.length ? [positions[k]!] : [];
        }
        if (patterns) chosen = chosen.filter((i) => patterns(rt, [decodeHeaderValue(h[i]!.value)]));
        if (!chosen.length) return CONTINUE;
        const drop = new Set(chosen);
        rt.setHeaders(h.filter((_, i) => !drop.has(i)));
        rt.other({ type: 'deleteheader', name: evalStr(rt, name), removed: chosen.length });
        if (rt.trace) rt.log(`deleteheader "${n}": ${chosen.length} removed`);
        return CONTINUE;
      };
    },
  },
};

