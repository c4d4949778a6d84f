// The script commands (RFC 5804 2.5-2.13), each one call into src/accounts/sieve-scripts.ts with
// the logged-in mailbox. Refusals come back as SieveScriptError and the session turns their
// reason into the response code (NONEXISTENT, ALREADYEXISTS, ACTIVE, QUOTA/MAXSIZE, QUOTA/MAXSCRIPTS).
import * as scripts from '../../accounts/sieve-scripts.js';
import { response } from '../protocol/index.js';
import type { Session } from '../session.js';
import type { CommandDef } from './types.js';

const owner = (s: Session) => s.mailbox!;
const AUTH = ['authenticated'] as const;

/** OK, with the validator's warnings in a WARNINGS response (RFC 5804 1.3) when there are some. */
const okWarnings = (warnings: string[], text: string) => (warnings.length ? response.ok(warnings.join('\r\n'), 'WARNINGS') : response.ok(text));

export const putscript: CommandDef<'PUTSCRIPT'> = {
  states: AUTH,
  async run(s, cmd) {
    const r = await scripts.putScript(s.scripts, owner(s), cmd.scriptName, cmd.script);
    return okWarnings(r.warnings, 'PUTSCRIPT completed');
  },
};

export const checkscript: CommandDef<'CHECKSCRIPT'> = {
  states: AUTH,
  async run(s, cmd) {
    const r = await scripts.checkScript(s.scripts, owner(s), cmd.script);
    return okWarnings(r.warnings, 'Script is valid');
  },
};

export const listscripts: CommandDef<'LISTSCRIPTS'> = {
  states: AUTH,
  async run(s) {
    const list = await scripts.listScripts(s.scripts, owner(s));
    return Buffer.concat([...list.map((x) => response.listLine(x.name, x.active)), response.ok('Listscripts completed')]);
  },
};

export const getscript: CommandDef<'GETSCRIPT'> = {
  states: AUTH,
  async run(s, cmd) {
    const r = await scripts.getScript(s.scripts, owner(s), cmd.scriptName);
    return Buffer.concat([response.scriptLiteral(r.content), response.ok('Getscript completed')]);
  },
};

export const setactive: CommandDef<'SETACTIVE'> = {
  states: AUTH,
  async run(s, cmd) {
    // RFC 5804 2.8: the empty name deactivates.
    const r = await scripts.setActive(s.scripts, owner(s), cmd.scriptName === '' ? null : cmd.scriptName);
    return response.ok(r.active === null ? 'No script active' : 'Setactive completed');
  },
};

export const deletescript: CommandDef<'DELETESCRIPT'> = {
  states: AUTH,
  async run(s, cmd) {
    await scripts.deleteScript(s.scripts, owner(s), cmd.scriptName);
    return response.ok('Deletescript completed');
  },
};

export const renamescript: CommandDef<'RENAMESCRIPT'> = {
  states: AUTH,
  async run(s, cmd) {
    await scripts.renameScript(s.scripts, owner(s), cmd.oldName, cmd.newName);
    return response.ok('Renamescript completed');
  },
};

export const havespace: CommandDef<'HAVESPACE'> = {
  states: AUTH,
  async run(s, cmd) {
    await scripts.haveSpace(s.scripts, owner(s), cmd.scriptName, cmd.size);
    return response.ok('Putscript would succeed');
  },
};
