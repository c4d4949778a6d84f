// ihave (RFC 5463): the test is decided at compile time (see ScriptCompiler.ifChain for the block
// it guards), and `error` ends the run with the script's message (implicit keep).
import { IMPLEMENTED } from '../capabilities.js';
import type { CommandDef, TestDef } from '../spec.js';
import { evalStr } from '../strings.js';

export const ihaveTests: Record<string, TestDef> = {
  ihave: {
    kind: 'test', ext: 'ihave', args: [{ name: 'capabilities', type: 'strings' }],
    compile(ch, c) {
      const caps = c.constStrings(ch.args[0], 'a capability');
      const ok = caps.every((cap) => IMPLEMENTED.has(cap.toLowerCase()) && c.session.available.has(cap.toLowerCase()));
      return () => ok;
    },
  },
};

export const ihaveCommands: Record<string, CommandDef> = {
  error: {
    kind: 'command', ext: 'ihave', args: [{ name: 'message', type: 'string' }],
    compile(ch, c) {
      const msg = c.str(ch.args[0]);
      return (rt) => rt.fail(`error: ${evalStr(rt, msg)}`);
    },
  },
};
