// ENVELOPE / BODY / BODYSTRUCTURE compared with Dovecot 2.3 output recorded
// in fixtures/dovecot-oracle.json (see fixtures/regen-dovecot-oracle.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatBodyStructure, formatEnvelope, parseMessage } from '../../src/mime/index.js';
import { parseImapValue } from './imap-value.js';

interface Fixture {
  name: string;
  message: string;
  envelope: string;
  body: string;
  bodystructure: string;
}

const { fixtures } = JSON.parse(readFileSync(new URL('./fixtures/dovecot-oracle.json', import.meta.url), 'utf8')) as {
  fixtures: Fixture[];
};

describe('matches Dovecot', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(20));
  for (const f of fixtures) {
    it(f.name, () => {
      const parsed = parseMessage(Buffer.from(f.message, 'utf8'));
      const env = formatEnvelope(parsed.envelope);
      const body = formatBodyStructure(parsed.bodyStructure, { extended: false });
      const bs = formatBodyStructure(parsed.bodyStructure, { extended: true });
      expect(parseImapValue(env)).toEqual(parseImapValue(f.envelope));
      expect(parseImapValue(body)).toEqual(parseImapValue(f.body));
      expect(parseImapValue(bs)).toEqual(parseImapValue(f.bodystructure));
    });
  }
});
