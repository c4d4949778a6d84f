import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, capabilitiesFor } from '../../../src/imap/protocol/capabilities.js';

describe('CAPABILITY', () => {
  it('before TLS: STARTTLS and LOGINDISABLED, no AUTH=', () => {
    const caps = capabilitiesFor({ tls: false, authenticated: false });
    expect(caps).toEqual(['IMAP4rev1', 'IMAP4rev2', 'LITERAL+', 'ID', 'STARTTLS', 'LOGINDISABLED']);
  });

  it('with TLS, before login: AUTH=PLAIN AUTH=LOGIN and SASL-IR', () => {
    const caps = capabilitiesFor({ tls: true, authenticated: false });
    expect(caps).toEqual(['IMAP4rev1', 'IMAP4rev2', 'LITERAL+', 'ID', 'SASL-IR', 'AUTH=PLAIN', 'AUTH=LOGIN']);
  });

  it('after login: every extension of issue 3, no login capabilities', () => {
    const caps = capabilitiesFor({ tls: true, authenticated: true, appendLimit: 52428800 });
    for (const c of [
      'IMAP4rev1', 'IMAP4rev2', 'IDLE', 'UIDPLUS', 'MOVE', 'SPECIAL-USE', 'CREATE-SPECIAL-USE', 'NAMESPACE', 'ID', 'ENABLE',
      'UNSELECT', 'LITERAL+', 'CONDSTORE', 'QRESYNC', 'ESEARCH', 'SEARCHRES', 'LIST-EXTENDED', 'LIST-STATUS', 'STATUS=SIZE',
      'QUOTA', 'QUOTA=RES-STORAGE', 'BINARY', 'APPENDLIMIT=52428800', 'SORT', 'THREAD=REFERENCES', 'THREAD=ORDEREDSUBJECT',
      'COMPRESS=DEFLATE', 'UTF8=ACCEPT', 'OBJECTID', 'WITHIN',
    ]) {
      expect(caps).toContain(c);
    }
    for (const c of ['STARTTLS', 'LOGINDISABLED', 'AUTH=PLAIN', 'AUTH=LOGIN', 'SASL-IR']) expect(caps).not.toContain(c);
    expect(new Set(caps).size).toBe(caps.length);
  });

  it('LITERAL- instead of LITERAL+, and no COMPRESS once compression is on', () => {
    const caps = capabilitiesFor({ tls: true, authenticated: true, literalMode: 'LITERAL-', compressionActive: true });
    expect(caps).toContain('LITERAL-');
    expect(caps).not.toContain('LITERAL+');
    expect(caps).not.toContain('COMPRESS=DEFLATE');
    expect(caps).toContain('APPENDLIMIT');
  });

  it('each entry of the table names its RFC', () => {
    const src = readFileSync(new URL('../../../src/imap/protocol/capabilities.ts', import.meta.url), 'utf8');
    const entries = src.split('\n').filter((l) => /^\s*\['[^']+', '[a-z-]+'\],/.test(l));
    expect(entries).toHaveLength(ALL_CAPABILITIES.length);
    for (const line of entries) expect(line).toMatch(/\/\/ (RFC \d+|draft-)/);
  });
});
