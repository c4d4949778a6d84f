// mailauth 4.13's relaxed header canonicalization (RFC 6376 3.4.2) reads header bytes as latin1
// and collapses JavaScript's \s, which also matches byte A0 (the second byte of "à", "Р" and many
// CJK characters in UTF-8), VT and FF, and trims them: valid DKIM signatures and ARC seals over raw
// UTF-8 headers then fail (python3-dkim passes them). The RFC's rule is that only SP and HTAB are
// whitespace. mailauth's modules capture the function when they load, so this replaces it before
// they do: import mailauth only through ./mailauth.ts, which loads this first.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type FormatRelaxedLine = (line: Buffer | string, suffix?: string) => Buffer;
const tools = require('mailauth/lib/tools.js') as { formatRelaxedLine: FormatRelaxedLine };

const relaxedLine: FormatRelaxedLine = (line, suffix) => {
  const text = line
    .toString('binary')
    .replace(/\r?\n/g, '') // unfold
    .replace(/^([^:]*):[ \t]*/, (_m, name: string) => `${name.toLowerCase().replace(/[ \t]+$/, '')}:`)
    .replace(/[ \t]+/g, ' ')
    .replace(/^[ \t]+|[ \t]+$/g, '');
  return Buffer.from(text + (suffix ?? ''), 'binary');
};

if (tools.formatRelaxedLine !== relaxedLine) {
  // Too late once the header canonicalizer has loaded: it kept the faulty function.
  const loaded = require.cache[require.resolve('mailauth/lib/dkim/header/relaxed.js')];
  if (loaded) throw new Error('mailauth was loaded before src/authentication/mailauth-patch.ts: import it through src/authentication/mailauth.ts');
  tools.formatRelaxedLine = relaxedLine;
}
