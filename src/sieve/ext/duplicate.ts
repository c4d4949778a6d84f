// duplicate (RFC 7352): has a message with this id (Message-ID, another header, or :uniqueid)
// been seen for this handle? The store answers (env.duplicate); the id is recorded by the
// pipeline after delivery, from the `duplicate` action (refreshing its expiry with :last).
import { createHash } from 'node:crypto';
import type { TestDef } from '../spec.js';
import { evalStr } from '../strings.js';

export const duplicateTests: Record<string, TestDef> = {
  duplicate: {
    kind: 'test', ext: 'duplicate',
    tags: {
      handle: { value: 'string' },
      header: { value: 'string', group: 'source' },
      uniqueid: { value: 'string', group: 'source' },
      seconds: { value: 'number' },
      last: {},
    },
    args: [],
    compile(ch, c) {
      const handle = ch.tags.has('handle') ? c.str(ch.tags.get('handle')) : '';
      const header = ch.tags.has('header') ? c.str(ch.tags.get('header')) : 'message-id';
      const unique = ch.tags.has('uniqueid') ? c.str(ch.tags.get('uniqueid')) : null;
      const secArg = ch.tags.get('seconds');
      const L = c.limits;
      const seconds = secArg && secArg.type === 'number' ? Math.min(secArg.value, L.duplicateMaxSeconds) : L.duplicateDefaultSeconds;
      const last = ch.tags.has('last');
      return (rt) => {
        let id: string | null;
        if (unique !== null) id = evalStr(rt, unique);
        else id = rt.rawHeaderValues(evalStr(rt, header))[0]?.trim() ?? null;
        // RFC 7352 3.1: without the header (or with an empty id) the test is false and nothing is tracked.
        if (!id) return false;
        const h = evalStr(rt, handle);
        const key = createHash('sha256').update(`${h}\u0000${unique !== null ? 'u' : 'h'}\u0000${id}`).digest('hex');
        const store = rt.env.duplicate;
        // The same id tested twice in one run answers the same (it is recorded only after delivery).
        const seen = store ? rt.ask(`duplicate:${key}`, () => store.has(key)) : false;
        if (!seen || last) {
          if (!rt.actions.some((a) => a.type === 'duplicate' && a.id === key)) rt.other({ type: 'duplicate', id: key, handle: h, seconds, last });
        }
        if (rt.trace) rt.log(`duplicate: id ${id} ${seen ? 'seen before' : 'new'}`);
        return seen;
      };
    },
  },
};
