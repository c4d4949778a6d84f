// fileinto (RFC 5228 4.1) with :copy (RFC 3894), :flags (RFC 5232) and :create (RFC 5490);
// reject and ereject (RFC 5429); the mailboxexists test (RFC 5490 3.1).
import type { ScriptCompiler } from '../compiler.js';
import { CONTINUE, type Runtime } from '../runtime.js';
import type { CommandDef, TestDef } from '../spec.js';
import { evalList, evalStr, type Str } from '../strings.js';
import { flagsOf } from './core.js';

/** Why a folder name cannot be used, or null. */
export function checkFolderName(name: string): string | null {
  if (name === '') return 'empty folder name';
  if (/[\x00-\x1f\x7f]/.test(name)) return 'control characters in folder name';
  if (name.length > 1000) return 'folder name too long';
  return null;
}

function folderArg(c: ScriptCompiler, s: Str, pos: { line: number; col: number }): void {
  if (typeof s !== 'string') return;
  const problem = checkFolderName(s);
  if (problem) c.error(pos, `fileinto: ${problem}`);
}

/** Ask the environment whether a folder exists (the default mailbox always does). */
export function mailboxExists(rt: Runtime, name: string): boolean {
  if (rt.defaultMailbox === name || name.toUpperCase() === 'INBOX') return true;
  const hook = rt.env.mailboxExists;
  if (!hook) return false;
  return rt.ask(`mailbox:${name}`, () => hook(name));
}

export const deliveryCommands: Record<string, CommandDef> = {
  fileinto: {
    kind: 'command', ext: 'fileinto', args: [{ name: 'folder', type: 'string' }],
    tags: {
      copy: { ext: 'copy' },
      flags: { ext: 'imap4flags', value: 'strings' },
      create: { ext: 'mailbox' },
    },
    compile(ch, c) {
      const folder = c.str(ch.args[0]);
      folderArg(c, folder, ch.args[0]!.pos);
      const copy = ch.tags.has('copy');
      const create = ch.tags.has('create');
      const flags = flagsOf(c, ch);
      return (rt) => {
        const f = evalStr(rt, folder);
        const problem = checkFolderName(f);
        if (problem) rt.fail(`fileinto: ${problem}`);
        rt.fileinto(f, copy, create, flags(rt));
        if (rt.trace) rt.log(`fileinto: store message in "${f}"${copy ? ' (copy)' : ''}${create ? ' (create)' : ''}`);
        return CONTINUE;
      };
    },
  },
  reject: {
    kind: 'command', ext: 'reject', args: [{ name: 'reason', type: 'string' }],
    compile(ch, c) {
      const reason = c.str(ch.args[0]);
      return (rt) => {
        rt.reject(evalStr(rt, reason), false);
        if (rt.trace) rt.log('reject message');
        return CONTINUE;
      };
    },
  },
  ereject: {
    kind: 'command', ext: 'ereject', args: [{ name: 'reason', type: 'string' }],
    compile(ch, c) {
      const reason = c.str(ch.args[0]);
      return (rt) => {
        rt.reject(evalStr(rt, reason), true);
        if (rt.trace) rt.log('ereject message');
        return CONTINUE;
      };
    },
  },
};

export const deliveryTests: Record<string, TestDef> = {
  mailboxexists: {
    kind: 'test', ext: 'mailbox', args: [{ name: 'folder names', type: 'strings' }],
    compile(ch, c) {
      const names = c.strings(ch.args[0]);
      return (rt) => {
        for (const n of evalList(rt, names)) if (!mailboxExists(rt, n)) return false;
        return true;
      };
    },
  },
};
