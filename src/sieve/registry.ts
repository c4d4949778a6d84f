// Every command and test, by name, from the extension modules.
import { bodyTests } from './ext/body.js';
import { coreCommands, coreTests } from './ext/core.js';
import { dateTests } from './ext/date.js';
import { deliveryCommands, deliveryTests } from './ext/delivery.js';
import { duplicateTests } from './ext/duplicate.js';
import { editheaderCommands } from './ext/editheader.js';
import { enotifyCommands, enotifyTests } from './ext/enotify.js';
import { environmentTests } from './ext/environment.js';
import { ihaveCommands, ihaveTests } from './ext/ihave.js';
import { imap4flagsCommands, imap4flagsTests } from './ext/imap4flags.js';
import { includeCommands } from './ext/include.js';
import { mimeCommands } from './ext/mime.js';
import { spamTests } from './ext/spamtest.js';
import { vacationCommands } from './ext/vacation.js';
import { variablesCommands, variablesTests } from './ext/variables.js';
import type { CommandDef, TestDef } from './spec.js';

export { CAPABILITY_ALIASES, IMPLEMENTED } from './capabilities.js';

export type AddressPart = 'all' | 'localpart' | 'domain' | 'user' | 'detail';

export const DEFS = {
  commands: new Map<string, CommandDef>(
    Object.entries({
      ...coreCommands, ...deliveryCommands, ...imap4flagsCommands, ...variablesCommands, ...vacationCommands,
      ...includeCommands, ...editheaderCommands, ...enotifyCommands, ...ihaveCommands, ...mimeCommands,
    }),
  ),
  tests: new Map<string, TestDef>(
    Object.entries({
      ...coreTests, ...deliveryTests, ...imap4flagsTests, ...variablesTests, ...bodyTests, ...dateTests,
      ...spamTests, ...duplicateTests, ...environmentTests, ...enotifyTests, ...ihaveTests,
    }),
  ),
};
