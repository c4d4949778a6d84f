// Test helper: parse IMAP response data (NIL, numbers, quoted strings,
// literals, parenthesised lists) into JS values, so that two serialisations
// that differ only in quoted-vs-literal string form compare equal.
export type ImapValue = null | string | number | ImapValue[];

export function parseImapValue(text: string): ImapValue {
  const buf = Buffer.from(text, 'utf8');
  let i = 0;
  const ws = () => {
    while (buf[i] === 0x20) i++;
  };
  const value = (): ImapValue => {
    ws();
    const c = buf[i];
    if (c === 0x28 /* ( */) {
      i++;
      const list: ImapValue[] = [];
      for (;;) {
        ws();
        if (buf[i] === 0x29) {
          i++;
          return list;
        }
        if (i >= buf.length) throw new Error('unterminated list');
        list.push(value());
      }
    }
    if (c === 0x22 /* " */) {
      i++;
      const out: number[] = [];
      while (buf[i] !== 0x22) {
        if (i >= buf.length) throw new Error('unterminated quoted string');
        if (buf[i] === 0x5c) i++;
        out.push(buf[i++]);
      }
      i++;
      return Buffer.from(out).toString('utf8');
    }
    if (c === 0x7b /* { */) {
      const close = buf.indexOf('}\r\n', i);
      const n = Number(buf.toString('latin1', i + 1, close));
      const start = close + 3;
      i = start + n;
      if (i > buf.length) throw new Error('literal past end');
      return buf.toString('utf8', start, i);
    }
    let j = i;
    while (j < buf.length && buf[j] !== 0x20 && buf[j] !== 0x28 && buf[j] !== 0x29) j++;
    const atom = buf.toString('latin1', i, j);
    i = j;
    if (atom === 'NIL') return null;
    if (/^\d+$/.test(atom)) return Number(atom);
    throw new Error(`unexpected atom ${JSON.stringify(atom)} at ${i}`);
  };
  const v = value();
  if (i !== buf.length) throw new Error(`trailing data at ${i}: ${JSON.stringify(buf.toString('utf8', i, i + 20))}`);
  return v;
}
