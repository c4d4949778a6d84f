// Where header, address, exists and date tests read header fields: the message's top-level header,
// or with :mime (RFC 5703 4) the current MIME part and with :anychild every part below it, and
// with :index/:last (RFC 5260 6) one occurrence only. :type/:subtype/:contenttype/:param pick
// pieces of Content-Type and Content-Disposition.
import { getParam, parseContentType, parseDisposition, type HeaderField, type MimePart } from '../../mime/index.js';
import type { ScriptCompiler } from '../compiler.js';
import { allParts, decodeHeaderValue, partHeaders } from '../message.js';
import type { Runtime } from '../runtime.js';
import type { Checked } from '../spec.js';
import { evalList } from '../strings.js';

/** Decoded values of one header name, after :index/:mime selection. */
export type HeaderGetter = (rt: Runtime, name: string) => string[];

function partValues(rt: Runtime, part: MimePart, name: string): string[] {
  // The top-level header may have been edited (editheader): then it is read as it is now.
  if (part === rt.msg.root) return rt.headerValues(name);
  const key = `ph:${part.headerStart}:${name.toLowerCase()}`;
  const hit = rt.msg.memo.get(key) as string[] | undefined;
  if (hit) return hit;
  const n = name.toLowerCase();
  const fields: HeaderField[] = partHeaders(rt.msg, part);
  const vals = fields.filter((h) => h.name.toLowerCase() === n).map((h) => decodeHeaderValue(h.value));
  rt.msg.memo.set(key, vals);
  return vals;
}

/** The parts a :mime test looks at: the current one (or the message), plus descendants with :anychild. */
export function mimeScope(rt: Runtime, anychild: boolean): MimePart[] {
  const cur = rt.part ?? rt.msg.root;
  if (!anychild) return [cur];
  return allParts(cur);
}

export function headerGetter(ch: Checked, c: ScriptCompiler): HeaderGetter {
  const idxArg = ch.tags.get('index');
  const index = idxArg && idxArg.type === 'number' ? idxArg.value : 0;
  const last = ch.tags.has('last');
  const mime = ch.tags.has('mime');
  const anychild = ch.tags.has('anychild');
  const opt = (['type', 'subtype', 'contenttype', 'param'] as const).find((k) => ch.tags.has(k)) ?? null;
  if ((anychild || opt) && !mime) c.error((ch.tags.get('anychild') ?? ch.tags.get(opt!))!.pos, `:${anychild ? 'anychild' : opt} needs :mime`);
  const params = opt === 'param' ? c.strings(ch.tags.get('param')) : null;

  const pick = (vals: string[]): string[] => {
    if (!index) return vals;
    const i = last ? vals.length - index : index - 1;
    return i >= 0 && i < vals.length ? [vals[i]!] : [];
  };
  // Like Pigeonhole, a part without the header gives no value (no text/plain default).
  const shape = (rt: Runtime, name: string, vals: string[]): string[] => {
    if (!opt) return vals;
    const n = name.toLowerCase();
    if (n !== 'content-type' && n !== 'content-disposition') return [];
    const out: string[] = [];
    for (const v of vals) {
      if (n === 'content-type') {
        const ct = parseContentType(v);
        if (opt === 'type') out.push(ct.type);
        else if (opt === 'subtype') out.push(ct.subtype);
        else if (opt === 'contenttype') out.push(`${ct.type}/${ct.subtype}`);
        // Pigeonhole gives "" for a parameter the field lacks.
        else for (const p of evalList(rt, params!)) out.push(getParam(ct.params, p) ?? '');
      } else {
        const d = parseDisposition(v);
        if (opt === 'type') out.push(d.type.toLowerCase());
        else if (opt === 'param') for (const p of evalList(rt, params!)) out.push(getParam(d.params, p) ?? '');
      }
    }
    return out;
  };

  if (!mime) return (rt, name) => pick(rt.headerValues(name));
  return (rt, name) => {
    const out: string[] = [];
    for (const part of mimeScope(rt, anychild)) {
      const vals = pick(partValues(rt, part, name));
      out.push(...shape(rt, name, vals));
    }
    return out;
  };
}

/** Raw (undecoded) values for a name at the top level, after :index. */
export function rawPick(rt: Runtime, name: string, index: number, last: boolean): string[] {
  const vals = rt.rawHeaderValues(name);
  if (!index) return vals;
  const i = last ? vals.length - index : index - 1;
  return i >= 0 && i < vals.length ? [vals[i]!] : [];
}

/** Raw values (for address parsing) with :index/:mime selection. */
export function rawHeaderGetter(ch: Checked): HeaderGetter {
  const idxArg = ch.tags.get('index');
  const index = idxArg && idxArg.type === 'number' ? idxArg.value : 0;
  const last = ch.tags.has('last');
  const mime = ch.tags.has('mime');
  const anychild = ch.tags.has('anychild');
  if (!mime) return (rt, name) => rawPick(rt, name, index, last);
  return (rt, name) => {
    const n = name.toLowerCase();
    const out: string[] = [];
    for (const part of mimeScope(rt, anychild)) {
      const fields = part === rt.msg.root ? rt.headers : partHeaders(rt.msg, part);
      let vals = fields.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
      if (index) {
        const i = last ? vals.length - index : index - 1;
        vals = i >= 0 && i < vals.length ? [vals[i]!] : [];
      }
      out.push(...vals);
    }
    return out;
  };
}
