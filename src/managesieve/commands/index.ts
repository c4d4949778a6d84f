// Every ManageSieve command and the states it is valid in: one entry each.
import type { CommandTable } from './types.js';
import { authenticate, capability, logout, noop, starttls, unauthenticate } from './session.js';
import { checkscript, deletescript, getscript, havespace, listscripts, putscript, renamescript, setactive } from './scripts.js';

export const COMMANDS: CommandTable = {
  CAPABILITY: capability,
  NOOP: noop,
  LOGOUT: logout,
  STARTTLS: starttls,
  AUTHENTICATE: authenticate,
  UNAUTHENTICATE: unauthenticate,
  LISTSCRIPTS: listscripts,
  PUTSCRIPT: putscript,
  GETSCRIPT: getscript,
  SETACTIVE: setactive,
  DELETESCRIPT: deletescript,
  RENAMESCRIPT: renamescript,
  CHECKSCRIPT: checkscript,
  HAVESPACE: havespace,
};
