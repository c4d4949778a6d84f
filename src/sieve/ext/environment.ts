// environment (RFC 5183): items about where the script runs. The pipeline passes what it knows
// (host, domain, remote-host, remote-ip); name, version, location and phase have defaults.
import type { Runtime } from '../runtime.js';
import type { TestDef } from '../spec.js';
import { evalStr } from '../strings.js';

export const ENVIRONMENT_DEFAULTS: Record<string, string> = {
  name: 'Mailcove',
  version: '0.1',
  // RFC 5183 4.1: "MDA" when run at delivery, "during" the delivery.
  location: 'MDA',
  phase: 'during',
};

export function environmentItem(rt: Runtime, name: string): string | null {
  const n = name.toLowerCase();
  const given = rt.env.environment ?? {};
  for (const [k, v] of Object.entries(given)) if (k.toLowerCase() === n) return v;
  return ENVIRONMENT_DEFAULTS[n] ?? null;
}

export const environmentTests: Record<string, TestDef> = {
  environment: {
    kind: 'test', ext: 'environment', sets: ['comparator', 'match'],
    args: [{ name: 'item name', type: 'string' }, { name: 'key list', type: 'strings' }],
    compile(ch, c) {
      const name = c.str(ch.args[0]);
      const m = c.matcher(ch, ch.args[1]);
      return (rt) => {
        const v = environmentItem(rt, evalStr(rt, name));
        // RFC 5183 4: an unknown item makes the test false (even for :count).
        return v !== null && m(rt, [v]);
      };
    },
  },
};
