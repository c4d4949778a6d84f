// The text form of a result, one action per line, modelled on Pigeonhole's sieve-test
// ("store message in folder: INBOX"). `mailcove sieve test` prints it and the differential tests
// compare it; the format is stable (documented in README.md: Sieve):
//
//   store message in folder: <folder>[; copy][; create][; flags: <flag> <flag>…]
//   store message in folder: <default>; keep[; flags: …]            (explicit keep)
//   store message in folder: <default>; implicit keep[; flags: …]
//   redirect message to: <address>[; copy]
//   reject message with reason: <reason>         /  ereject message with reason: <reason>
//   discard
//   send vacation response to: <sender>; subject: <s>; seconds: <n>; handle: <h>[; from: <a>][; mime]
//   skip vacation response to: <sender> (<why>); …same details
//   send notification: <uri>; importance: <1-3>[; from: <a>][; message: <m>][; options: …]
//   add header: <Name>: <value>[; last]
//   delete header: <Name> (<n> removed)
//   track duplicate: <id>; seconds: <n>[; last]
//
// Values are printed with ";" written "\;" and line breaks written "\n", so every action stays on
// one line.
import type { SieveAction } from './types.js';

export function escapeValue(s: string): string {
  return s.replace(/;/g, '\\;').replace(/\r?\n/g, '\\n').replace(/\r/g, '\\r');
}

function flagsPart(flags: string[] | null): string {
  return flags && flags.length ? `; flags: ${flags.map(escapeValue).join(' ')}` : '';
}

export function formatAction(a: SieveAction, defaultMailbox = 'INBOX'): string {
  const e = escapeValue;
  switch (a.type) {
    case 'keep':
      return `store message in folder: ${e(defaultMailbox)}; ${a.implicit ? 'implicit keep' : 'keep'}${flagsPart(a.flags)}`;
    case 'fileinto':
      return `store message in folder: ${e(a.folder)}${a.copy ? '; copy' : ''}${a.create ? '; create' : ''}${flagsPart(a.flags)}`;
    case 'redirect':
      return `redirect message to: ${e(a.address)}${a.copy ? '; copy' : ''}`;
    case 'reject':
      return `${a.extended ? 'ereject' : 'reject'} message with reason: ${e(a.reason)}`;
    case 'discard':
      return 'discard';
    case 'vacation': {
      const head = a.skip ? `skip vacation response to: ${e(a.to)} (${e(a.skip)})` : `send vacation response to: ${e(a.to)}`;
      return `${head}; subject: ${e(a.replySubject)}; seconds: ${a.seconds}; handle: ${e(a.handle)}${a.from ? `; from: ${e(a.from)}` : ''}${a.mime ? '; mime' : ''}; reason: ${e(a.reason)}`;
    }
    case 'notify':
      return `send notification: ${e(a.method)}; importance: ${a.importance}${a.from ? `; from: ${e(a.from)}` : ''}${a.message !== null ? `; message: ${e(a.message)}` : ''}${a.options.length ? `; options: ${a.options.map(e).join(' ')}` : ''}`;
    case 'addheader':
      return `add header: ${e(a.name)}: ${e(a.value)}${a.last ? '; last' : ''}`;
    case 'deleteheader':
      return `delete header: ${e(a.name)} (${a.removed} removed)`;
    case 'duplicate':
      return `track duplicate: ${a.id}; seconds: ${a.seconds}${a.last ? '; last' : ''}`;
  }
}

export function formatActions(actions: SieveAction[], defaultMailbox = 'INBOX'): string[] {
  return actions.map((a) => formatAction(a, defaultMailbox));
}
