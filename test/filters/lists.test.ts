// The block/allow matcher: wildcards, case, IDN, bare domains, own-address refusal, precedence.
import { describe, expect, it } from 'vitest';
import { decideLists, emptyLists, entryMatches, normalizeEntry, ownAddressConflict, senderAddress, type Lists } from '../../src/filters/lists.js';

const norm = (e: string) => {
  const r = normalizeEntry(e);
  if (!r.ok) throw new Error(`${e}: ${r.reason}`);
  return r.entry;
};
const matches = (entry: string, address: string) => entryMatches(norm(entry), senderAddress(address)!);

describe('normalizeEntry', () => {
  it('lower-cases, punycodes IDN domains and keeps wildcards', () => {
    expect(norm(' John@Spam.XYZ ')).toBe('john@spam.xyz');
    expect(norm('*@Bücher.example')).toBe('*@xn--bcher-kva.example');
    expect(norm('Bücher.example')).toBe('xn--bcher-kva.example');
    expect(norm('*.spam.xyz')).toBe('*.spam.xyz');
    expect(norm('j?hn*@*.spam.xyz')).toBe('j?hn*@*.spam.xyz');
    expect(norm('JÖRG@spam.xyz')).toBe('jörg@spam.xyz');
    expect(norm('*')).toBe('*');
  });
  it('refuses bad entries with a reason', () => {
    for (const bad of ['', '   ', '@spam.xyz', 'a b@spam.xyz', 'john@', 'john@spam..xyz', 'john@sp am.xyz', 'x'.repeat(255), 'john@ü*.xyz', '<john@spam.xyz>']) {
      const r = normalizeEntry(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(3);
    }
  });
});

describe('entryMatches', () => {
  it('an exact address, case-insensitively', () => {
    expect(matches('john@spam.xyz', 'JOHN@Spam.xyz')).toBe(true);
    expect(matches('john@spam.xyz', 'johnny@spam.xyz')).toBe(false);
    expect(matches('john@spam.xyz', 'john@mail.spam.xyz')).toBe(false);
  });
  it('* and ? in the local part', () => {
    expect(matches('*@spam.xyz', 'anyone@spam.xyz')).toBe(true);
    expect(matches('*@spam.xyz', 'anyone@sub.spam.xyz')).toBe(false);
    expect(matches('john*@spam.xyz', 'john.doe@spam.xyz')).toBe(true);
    expect(matches('john*@spam.xyz', 'john@spam.xyz')).toBe(true);
    expect(matches('john*@spam.xyz', 'ajohn@spam.xyz')).toBe(false);
    expect(matches('*example@spam.xyz', 'my-example@spam.xyz')).toBe(true);
    expect(matches('*example@spam.xyz', 'example2@spam.xyz')).toBe(false);
    expect(matches('j?hn@spam.xyz', 'jahn@spam.xyz')).toBe(true);
    expect(matches('j?hn@spam.xyz', 'jaahn@spam.xyz')).toBe(false);
    expect(matches('j?rg@spam.xyz', 'jörg@spam.xyz')).toBe(true);
  });
  it('a bare domain covers its subdomains; *.domain only the subdomains', () => {
    expect(matches('spam.xyz', 'a@spam.xyz')).toBe(true);
    expect(matches('spam.xyz', 'a@mail.spam.xyz')).toBe(true);
    expect(matches('spam.xyz', 'a@notspam.xyz')).toBe(false);
    expect(matches('*.spam.xyz', 'a@mail.spam.xyz')).toBe(true);
    expect(matches('*.spam.xyz', 'a@spam.xyz')).toBe(false);
    expect(matches('*', 'a@anything.test')).toBe(true);
  });
  it('regex characters in entries are literal', () => {
    expect(matches('a.b@spam.xyz', 'axb@spam.xyz')).toBe(false);
    expect(matches('a+b@spam.xyz', 'a+b@spam.xyz')).toBe(true);
    expect(matches('a+b@spam.xyz', 'aab@spam.xyz')).toBe(false);
  });
  it('IDN senders match entries written either way', () => {
    expect(matches('*@bücher.example', 'x@xn--bcher-kva.example')).toBe(true);
    expect(matches('xn--bcher-kva.example', 'x@BÜCHER.example')).toBe(true);
  });
});

describe('ownAddressConflict', () => {
  const own = { addresses: ['alice@example.test', 'al@example.test', 'shop.abc@other.test'], domains: ['example.test', 'other.test'] };
  it('refuses entries matching the own address, an alias or the own domain', () => {
    for (const e of ['alice@example.test', 'al*@example.test', '*@example.test', 'example.test', '*', '*@*', 'shop.*@other.test', 'a?ice@example.test', '*.test']) {
      expect(ownAddressConflict(norm(e), own), e).toMatch(/forge/);
    }
  });
  it('allows a colleague\'s exact address and other domains', () => {
    for (const e of ['bob@example.test', 'friend@remote.test', '*@remote.test', 'sub.example.test']) {
      expect(ownAddressConflict(norm(e), own), e).toBeNull();
    }
  });
});

describe('decideLists', () => {
  const lists = (l: Partial<Record<'mb' | 'ma' | 'db' | 'da', string[]>>): Lists => {
    const r = emptyLists();
    r.mailbox.block = (l.mb ?? []).map(norm);
    r.mailbox.allow = (l.ma ?? []).map(norm);
    r.domain.block = (l.db ?? []).map(norm);
    r.domain.allow = (l.da ?? []).map(norm);
    return r;
  };
  const own = new Set(['alice@example.test']);
  const from = (envelope: string, ...f: string[]) => ({ envelope, from: f });

  it('matches the envelope sender and the From addresses', () => {
    const l = lists({ mb: ['*@spam.xyz'] });
    expect(decideLists(l, from('x@spam.xyz', 'y@fine.test'), own)).toMatchObject({ action: 'block', matched: 'envelope sender', entry: '*@spam.xyz' });
    expect(decideLists(l, from('x@fine.test', 'y@spam.xyz'), own)).toMatchObject({ action: 'block', matched: 'From', address: 'y@spam.xyz' });
    expect(decideLists(l, from('', 'y@spam.xyz'), own)).toMatchObject({ action: 'block', matched: 'From' });
    expect(decideLists(l, from('x@fine.test', 'y@fine.test'), own)).toBeNull();
  });
  it('precedence: mailbox allow > mailbox block > domain allow > domain block', () => {
    const s = from('john@spam.xyz');
    expect(decideLists(lists({ mb: ['spam.xyz'], ma: ['john@spam.xyz'] }), s, own)).toMatchObject({ action: 'allow', scope: 'mailbox' });
    expect(decideLists(lists({ mb: ['spam.xyz'], da: ['john@spam.xyz'] }), s, own)).toMatchObject({ action: 'block', scope: 'mailbox' });
    expect(decideLists(lists({ db: ['spam.xyz'], da: ['john@spam.xyz'] }), s, own)).toMatchObject({ action: 'allow', scope: 'domain' });
    expect(decideLists(lists({ db: ['spam.xyz'], ma: ['john@spam.xyz'] }), s, own)).toMatchObject({ action: 'allow', scope: 'mailbox' });
    expect(decideLists(lists({ db: ['spam.xyz'] }), s, own)).toMatchObject({ action: 'block', scope: 'domain' });
  });
  it('an allow entry never applies to the recipient\'s own address', () => {
    const l = lists({ ma: ['*@example.test'] });
    expect(decideLists(l, from('alice@example.test'), own)).toBeNull();
    expect(decideLists(l, from('bob@example.test'), own)).toMatchObject({ action: 'allow' });
  });
});
