// body (RFC 5173): :text (text parts, HTML as text), :raw (the undecoded body) and :content
// (parts of the listed types, decoded; a multipart gives its preamble and epilogue, an attached
// message its header), read through the per-message memo.
import { bodyContentChunks, bodyRaw, bodyTextChunks } from '../message.js';
import type { TestDef } from '../spec.js';
import { evalList } from '../strings.js';

function typeMatches(want: string, type: string, subtype: string): boolean {
  if (want === '') return true;
  const w = want.toLowerCase();
  const slash = w.indexOf('/');
  if (slash < 0) return w === type;
  return w.slice(0, slash) === type && w.slice(slash + 1) === subtype;
}

export const bodyTests: Record<string, TestDef> = {
  body: {
    kind: 'test', ext: 'body', sets: ['comparator', 'match'],
    tags: {
      raw: { group: 'transform' },
      text: { group: 'transform' },
      content: { group: 'transform', value: 'strings' },
    },
    args: [{ name: 'key list', type: 'strings' }],
    compile(ch, c) {
      // Like Pigeonhole, the body test leaves match variables alone.
      const m = c.matcher(ch, ch.args[0], 'i;ascii-casemap', false);
      const max = c.limits.maxBodyBytes;
      if (ch.tags.has('raw')) return (rt) => m(rt, [bodyRaw(rt.msg, max)]);
      const types = ch.tags.has('content') ? c.strings(ch.tags.get('content')) : null;
      if (!types) return (rt) => m(rt, bodyTextChunks(rt.msg, max));
      return (rt) => {
        const want = evalList(rt, types);
        const chunks = bodyContentChunks(rt.msg, max).filter((ck) => want.some((w) => typeMatches(w, ck.type, ck.subtype)));
        return m(rt, chunks.map((ck) => ck.text));
      };
    },
  },
};
