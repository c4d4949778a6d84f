// The SRS rewriting on its own: vectors from Shevek's Perl implementation (Mail::SRS::Guarded,
// made by fixtures/regen-mail-srs.pl at a fixed clock), round trips, case folding, tampering,
// expiry with an injected clock, awkward local parts and the RFC 5321 length limits.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSrs, isSrsLocalPart, MAX_LOCAL_PART_OCTETS, type SrsResult } from '../../src/srs/srs.js';

const vectors = JSON.parse(fs.readFileSync(new URL('./fixtures/mail-srs-vectors.json', import.meta.url), 'utf8')) as {
  secret: string;
  now: number;
  forward: Array<{ sender: string; alias: string; srs: string }>;
  srs1: { srs0: string; ours: string; reverse_ours: string; reforward_of_other: string; other: string };
};

const DAY = 86_400_000;

function at(now: number, opts: { secrets?: string[]; maxAgeDays?: number; hashLength?: number } = {}) {
  return createSrs({ secrets: opts.secrets ?? [vectors.secret], maxAgeDays: opts.maxAgeDays, hashLength: opts.hashLength, now: () => now });
}

function ok(r: SrsResult): string {
  if (!r.ok) throw new Error(`expected success, got ${r.error}: ${r.reason}`);
  return r.address;
}

function error(r: SrsResult): string {
  if (r.ok) throw new Error(`expected an error, got ${r.address}`);
  return r.error;
}

/** Replaces the character at `i` with a different one of the same kind. */
function flip(s: string, i: number): string {
  const c = s[i]!;
  const other = c === 'A' ? 'B' : c === 'a' ? 'b' : c === '0' ? '1' : /[A-Z]/.test(c) ? 'A' : /[a-z]/.test(c) ? 'a' : /[0-9]/.test(c) ? '0' : c === '+' ? '/' : '+';
  return s.slice(0, i) + other + s.slice(i + 1);
}

describe('SRS against Mail::SRS vectors', () => {
  const srs = at(vectors.now);

  it('forwards to exactly the SRS0 addresses Mail::SRS made', () => {
    for (const v of vectors.forward) expect(ok(srs.forward(v.sender, v.alias))).toBe(v.srs);
  });

  it('reverses them to the original senders', () => {
    for (const v of vectors.forward) expect(ok(srs.reverse(v.srs))).toBe(v.sender);
  });

  it('wraps an SRS0 address in SRS1, and re-forwards an SRS1 address without growing it', () => {
    expect(ok(srs.forward(vectors.srs1.srs0, 'example2.com'))).toBe(vectors.srs1.ours);
    expect(ok(srs.forward(vectors.srs1.other, 'example2.com'))).toBe(vectors.srs1.reforward_of_other);
  });

  it('reverses SRS1 to the first forwarder\'s SRS0 address, which then reverses to the sender', () => {
    const srs0 = ok(srs.reverse(vectors.srs1.ours));
    expect(srs0).toBe(vectors.srs1.reverse_ours);
    expect(ok(srs.reverse(srs0))).toBe('john.doe@gmahoo1.com');
  });

  it('refuses an SRS1 address signed with another forwarder\'s secret', () => {
    expect(error(srs.reverse(vectors.srs1.other))).toBe('forged');
  });
});

describe('SRS round trips', () => {
  const senders = ['alice@example.org', 'a+b+c@example.org', 'x=y@example.org', '=lead@example.org', 'trail=@example.org', 'o\'hara@example.org', 'ünïcode@example.org'];

  it('reverses what it forwards, on any day of the 1024-day cycle', () => {
    for (const day of [0, 1, 500, 1022, 1023, 1024, 20_000]) {
      const srs = at(day * DAY + 12 * 3600_000);
      for (const s of senders) expect(ok(srs.reverse(ok(srs.forward(s, 'fwd.example'))))).toBe(s);
    }
  });

  it('survives lower-casing and upper-casing on the way (hash compared without case)', () => {
    const srs = at(vectors.now);
    let folded = 0;
    for (let i = 0; i < 50; i++) {
      const sender = `User${i}.Name+Tag@Mixed${i}.Example.ORG`;
      const address = ok(srs.forward(sender, 'Fwd.Example'));
      const hash = address.split('=')[1]!;
      if (hash !== hash.toLowerCase()) folded++;
      expect(ok(srs.reverse(address.toLowerCase()))).toBe(sender.toLowerCase());
      expect(ok(srs.reverse(address.toUpperCase()))).toBe(sender.toUpperCase());
    }
    // Most hashes have letters whose case was really lost on the way.
    expect(folded).toBeGreaterThan(40);
  });

  it('accepts any of the tag separators = + - on the way back', () => {
    const srs = at(vectors.now);
    const address = ok(srs.forward('bob@example.org', 'fwd.example'));
    for (const sep of ['+', '-']) expect(ok(srs.reverse(`SRS0${sep}${address.slice(5)}`))).toBe('bob@example.org');
  });

  it('signs with the first secret and still accepts the previous ones', () => {
    const old = at(vectors.now, { secrets: ['the old secret of this node'] });
    const rotated = at(vectors.now, { secrets: ['the new secret of this node', 'the old secret of this node'] });
    const before = ok(old.forward('bob@example.org', 'fwd.example'));
    expect(ok(rotated.reverse(before))).toBe('bob@example.org');
    const after = ok(rotated.forward('bob@example.org', 'fwd.example'));
    expect(after).not.toBe(before);
    expect(error(old.reverse(after))).toBe('forged');
  });

  it('uses a longer hash when configured', () => {
    const srs = at(vectors.now, { hashLength: 8 });
    const address = ok(srs.forward('bob@example.org', 'fwd.example'));
    expect(address.split('=')[1]).toHaveLength(8);
    expect(ok(srs.reverse(address))).toBe('bob@example.org');
    // An address with a 4-character hash does not pass for one of ours.
    expect(error(srs.reverse(vectors.forward[0]!.srs))).toBe('forged');
  });
});

describe('SRS tampering', () => {
  const srs = at(vectors.now);
  const address = ok(srs.forward('victim@example.org', 'fwd.example')); // SRS0=HHHH=TT=example.org=victim@fwd.example

  it('reports every changed hash character, host, user or timestamp as forged', () => {
    for (let i = 5; i < 9; i++) expect(error(srs.reverse(flip(address, i)))).toBe('forged');
    expect(error(srs.reverse(address.replace('=example.org=', '=example.com=')))).toBe('forged');
    expect(error(srs.reverse(address.replace('=victim@', '=attacker@')))).toBe('forged');
    const stamp = address.split('=')[2]!;
    expect(error(srs.reverse(address.replace(`=${stamp}=`, `=${stamp[0]}${stamp[1] === 'A' ? 'B' : 'A'}=`)))).toBe('forged');
  });

  it('reports a missing or truncated hash as forged and a broken layout as malformed', () => {
    const [, hash, stamp, host, user] = address.split('@')[0]!.split('=');
    expect(error(srs.reverse(`SRS0=${hash!.slice(0, 3)}=${stamp}=${host}=${user}@fwd.example`))).toBe('forged');
    expect(error(srs.reverse(`SRS0==${stamp}=${host}=${user}@fwd.example`))).toBe('malformed');
    expect(error(srs.reverse(`SRS0=${hash}=${stamp}=${host}@fwd.example`))).toBe('malformed');
    expect(error(srs.reverse(`SRS0=${hash}=1!=${host}=${user}@fwd.example`))).toBe('malformed');
    expect(error(srs.reverse(`SRS0=${hash}=ABC=${host}=${user}@fwd.example`))).toBe('malformed');
    expect(error(srs.reverse('SRS1=abcd=host.example@fwd.example'))).toBe('malformed');
    expect(error(srs.reverse('postmaster@fwd.example'))).toBe('malformed');
    expect(error(srs.reverse('SRS0@fwd.example'))).toBe('malformed');
  });

  it('refuses an address made with another secret', () => {
    const other = at(vectors.now, { secrets: ['somebody else entirely'] });
    expect(error(other.reverse(address))).toBe('forged');
  });
});

describe('SRS expiry (injected clock)', () => {
  const made = 19_000 * DAY + 23 * 3600_000; // late in the day it was made

  it('is valid for maxAgeDays days after the day it was made, then expired', () => {
    const address = ok(at(made).forward('bob@example.org', 'fwd.example'));
    for (let d = 0; d <= 21; d++) expect(ok(at(made + d * DAY).reverse(address))).toBe('bob@example.org');
    expect(error(at(made + 22 * DAY).reverse(address))).toBe('expired');
    expect(error(at(made + 500 * DAY).reverse(address))).toBe('expired');
  });

  it('honours a configured age', () => {
    const address = ok(at(made).forward('bob@example.org', 'fwd.example'));
    expect(ok(at(made + 3 * DAY, { maxAgeDays: 3 }).reverse(address))).toBe('bob@example.org');
    expect(error(at(made + 4 * DAY, { maxAgeDays: 3 }).reverse(address))).toBe('expired');
  });

  it('treats a timestamp from the future as expired, across the cycle wrap too', () => {
    const address = ok(at(made + DAY).forward('bob@example.org', 'fwd.example'));
    expect(error(at(made).reverse(address))).toBe('expired');
    const nearWrap = 1023 * DAY; // day 1023 of a cycle, then day 0 of the next
    const wrapped = ok(at(nearWrap).forward('bob@example.org', 'fwd.example'));
    expect(ok(at(nearWrap + 2 * DAY).reverse(wrapped))).toBe('bob@example.org');
  });

  it('reports an old timestamp crafted with the right secret as expired, not forged', () => {
    const old = ok(at(made - 30 * DAY).forward('bob@example.org', 'fwd.example'));
    expect(error(at(made).reverse(old))).toBe('expired');
  });

  it('does not check the age of SRS1 (the first forwarder does)', () => {
    const srs1 = ok(at(made).forward(ok(at(made).forward('bob@example.org', 'a.example')), 'b.example'));
    const inner = ok(at(made + 100 * DAY).reverse(srs1));
    expect(inner.startsWith('SRS0=')).toBe(true);
    expect(error(at(made + 100 * DAY).reverse(inner))).toBe('expired');
  });
});

describe('SRS length limits (RFC 5321 4.5.3.1)', () => {
  const srs = at(vectors.now);
  // SRS0=HHHH=TT=<host>=<user>: 14 octets around host and user.
  const overhead = 'SRS0=HHHH=TT==='.length - 1;

  it('makes an address with a local part of exactly 64 octets, and refuses 65', () => {
    const host = 'example.org';
    const fits = 'u'.repeat(MAX_LOCAL_PART_OCTETS - overhead - host.length);
    const address = ok(srs.forward(`${fits}@${host}`, 'fwd.example'));
    expect(address.indexOf('@')).toBe(64);
    expect(ok(srs.reverse(address))).toBe(`${fits}@${host}`);
    const r = srs.forward(`${fits}u@${host}`, 'fwd.example');
    expect(error(r)).toBe('too-long');
    expect(r.ok ? '' : r.reason).toMatch(/65 octets \(at most 64\)/);
  });

  it('counts octets, not characters', () => {
    const host = 'example.org';
    const chars = MAX_LOCAL_PART_OCTETS - overhead - host.length;
    expect(srs.forward(`${'u'.repeat(chars)}@${host}`, 'f.example').ok).toBe(true);
    expect(error(srs.forward(`${'ü'.repeat(chars / 2 + 1)}@${host}`, 'f.example'))).toBe('too-long');
  });

  it('refuses a whole address over 254 octets (a long rewrite domain)', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(50)}.example`;
    const r = srs.forward('bob@example.org', domain);
    expect(error(r)).toBe('too-long');
    expect(r.ok ? '' : r.reason).toMatch(/at most 254/);
  });

  it('refuses an SRS1 wrap that would not fit', () => {
    const srs0 = ok(srs.forward(`${'u'.repeat(30)}@example.org`, 'first-forwarder.example'));
    expect(error(srs.forward(srs0, 'fwd.example'))).toBe('too-long');
  });

  it('refuses senders that are not local@domain', () => {
    for (const s of ['', 'nobody', '@example.org', 'bob@']) expect(error(srs.forward(s, 'fwd.example'))).toBe('malformed');
  });
});

describe('isSrsLocalPart', () => {
  it('knows SRS0 and SRS1 with any separator, in any case', () => {
    for (const l of ['SRS0=x', 'srs0+x', 'Srs1-x', 'SRS1=h=host==x']) expect(isSrsLocalPart(l)).toBe(true);
    for (const l of ['SRS0', 'SRS0=', 'SRS2=x', 'SRS0_x', 'xSRS0=x', 'srs']) expect(isSrsLocalPart(l)).toBe(false);
  });
});
