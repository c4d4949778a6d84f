// ARC sealing: the ValiMail signing suite (test/fixtures/arc/arc-draft-sign-tests.yml: fixed
// key, times and expected headers) run through arcSeal, with the chain's status taken from
// mailauth's ARC validation as a forwarder would; then chains we seal, validated by mailauth.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { authenticate } from '../../src/authentication/mailauth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arcSeal, type ChainStatus } from '../../src/dkim/arc-seal.js';
import { dkimSign } from '../../src/dkim/sign.js';
import { CRLF, testKey, txtResolver, zoneOf, type TestKey, type TxtZone } from './helpers.js';
import { parseYamlDocuments } from './yaml.js';

const SUITE = new URL('../fixtures/arc/arc-draft-sign-tests.yml', import.meta.url);

interface SignCase {
  description: string;
  message: string;
  t: number;
  'sig-headers': string;
  'srv-id': string;
  AS: string;
  AMS: string;
  AAR: string;
}

/**
 * Cases we do not pass, and why; the test below asserts this list is exactly the failing set, so
 * a fix (or a regression) shows up.
 */
const KNOWN_FAILURES: Record<string, string> = {};

/** A header value as the suite's own runner compares them: unfolded, split at ";", sorted. */
const sorted = (value: string) =>
  value
    .replace(/\r?\n[ \t]*/g, '')
    .split(/;[ \t]*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .sort()
    .join('; ');

const valueOf = (headers: string, name: string) => {
  const m = new RegExp(`^${name}:((?:.*)(?:\\r\\n[ \\t].*)*)`, 'mi').exec(headers);
  return m ? m[1]! : '';
};

async function chainStatus(message: Buffer, zone: TxtZone): Promise<ChainStatus> {
  const res = await authenticate(message, {
    ip: '192.0.2.1',
    helo: 'client.example.org',
    sender: 'jqd@d1.example',
    mta: 'lists.example.org',
    resolver: txtResolver(zone),
    disableDmarc: true,
    disableBimi: true,
  });
  if (!res.arc) throw new Error('ARC validation did not run');
  return res.arc.status.result as ChainStatus;
}

async function arcVerdict(message: Buffer, zone: TxtZone): Promise<{ result: string; i: number | false; comment?: string }> {
  const res = await authenticate(message, {
    ip: '192.0.2.1',
    helo: 'client.example.org',
    sender: 'alice@example.test',
    mta: 'mx.remote.test',
    resolver: txtResolver(zone),
    disableDmarc: true,
    disableBimi: true,
  });
  if (!res.arc) throw new Error('ARC validation did not run');
  return { result: res.arc.status.result, i: res.arc.i, comment: res.arc.status.comment };
}

describe('ARC signing suite (arc-draft-sign-tests.yml)', () => {
  const docs = parseYamlDocuments(fs.readFileSync(SUITE, 'utf8'));
  const outcomes = new Map<string, string | null>();

  for (const doc of docs) {
    const key = crypto.createPrivateKey(String(doc.privatekey));
    const zone: TxtZone = {};
    for (const [name, value] of Object.entries(doc['txt-records'] as Record<string, string>)) {
      // Each line of the suite's record is one character-string of the TXT record.
      zone[name.toLowerCase()] = [value.split('\n').filter(Boolean)];
    }
    for (const [name, raw] of Object.entries(doc.tests as unknown as Record<string, SignCase>)) {
      it(`${doc.description} / ${name}: ${raw.description}`, async () => {
        const message = Buffer.from(CRLF(raw.message));
        const cv = await chainStatus(message, zone);
        const result = arcSeal(message, {
          authservId: raw['srv-id'],
          cv,
          signingDomain: String(doc.domain),
          selector: String(doc.sel),
          privateKey: key,
          now: raw.t * 1000,
          headerList: raw['sig-headers'].split(':'),
          foldB: false,
        });
        const problems: string[] = [];
        if (raw.AS.trim() === '') {
          if (result.sealed) problems.push('sealed a chain that must not get another set');
        } else if (!result.sealed) problems.push(`not sealed: ${result.reason}`);
        else {
          for (const [field, expected] of [['ARC-Seal', raw.AS], ['ARC-Message-Signature', raw.AMS], ['ARC-Authentication-Results', raw.AAR]] as const) {
            const got = sorted(valueOf(result.headers, field));
            if (got !== sorted(expected)) problems.push(`${field}\n  got      ${got}\n  expected ${sorted(expected)}`);
          }
          // What we add must also validate, except after a failed chain (cv=fail stays fail).
          const verdict = await arcVerdict(Buffer.concat([Buffer.from(result.headers), message]), zone);
          const want = result.cv === 'fail' ? 'fail' : 'pass';
          if (verdict.result !== want) problems.push(`mailauth validates the sealed chain as ${verdict.result} (${verdict.comment}), expected ${want}`);
        }
        outcomes.set(name, problems.length ? problems.join('\n') : null);
        if (KNOWN_FAILURES[name]) expect(problems, `${name} is a known failure: ${KNOWN_FAILURES[name]}`).not.toEqual([]);
        else expect(problems).toEqual([]);
      });
    }
  }

  afterAll(() => {
    const failed = [...outcomes].filter(([, p]) => p !== null).map(([n]) => n);
    console.log(`ARC signing suite: ${outcomes.size - failed.length}/${outcomes.size} pass${failed.length ? `; known failures: ${failed.join(', ')}` : ''}`);
  });
});

describe('ARC chains we seal, validated by mailauth', () => {
  let dkim: TestKey;
  let fwd1: TestKey;
  let fwd2: TestKey;
  let zone: TxtZone;
  const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
  const message = CRLF(`From: Alice <alice@example.test>
To: list@lists.test
Subject: ARC me
Date: Thu, 26 Nov 2026 12:00:00 +0000
Message-ID: <arc-1@example.test>

Forwarded twice.
`);

  beforeAll(async () => {
    dkim = await testKey('example.test', 'mc202611e', 'ed25519');
    fwd1 = await testKey('lists.test', 'mc202611r', 'rsa');
    fwd2 = await testKey('forwarder.test', 'mc202611r', 'rsa');
    zone = zoneOf([dkim.record, fwd1.record, fwd2.record]);
  });

  const seal = (msg: Buffer, key: TestKey, opts: { cv: ChainStatus; authservId: string; authResults?: string }) =>
    arcSeal(msg, { ...opts, signingDomain: key.domain, selector: key.selector, privateKey: key.key, now: NOW });

  it('i=1 on a message with our Authentication-Results, i=2 by the next hop: both pass', async () => {
    const signed = Buffer.from(dkimSign(Buffer.from(message), [dkim], NOW) + message);
    const withAr = Buffer.concat([Buffer.from('Authentication-Results: mx.lists.test;\r\n\tdkim=pass header.d=example.test;\r\n\tspf=pass smtp.mailfrom=example.test\r\n'), signed]);
    const first = seal(withAr, fwd1, { cv: 'none', authservId: 'mx.lists.test' });
    expect(first).toMatchObject({ sealed: true, instance: 1, cv: 'none' });
    if (!first.sealed) return;
    expect(first.headers).toMatch(/^ARC-Seal: .*\r\nARC-Message-Signature: /s);
    expect(first.headers).toContain('ARC-Authentication-Results: i=1; mx.lists.test;\r\n\tdkim=pass header.d=example.test;');
    const hop1 = Buffer.concat([Buffer.from(first.headers), withAr]);
    expect(await arcVerdict(hop1, zone)).toMatchObject({ result: 'pass', i: 1 });

    // The next forwarder validated the chain (pass) and adds its set; it changed the subject.
    const changed = Buffer.from(hop1.toString().replace('Subject: ARC me', 'Subject: [list] ARC me'));
    const second = seal(changed, fwd2, { cv: 'pass', authservId: 'mx.forwarder.test', authResults: 'mx.forwarder.test; arc=pass; dkim=fail header.d=example.test' });
    expect(second).toMatchObject({ sealed: true, instance: 2, cv: 'pass' });
    if (!second.sealed) return;
    const hop2 = Buffer.concat([Buffer.from(second.headers), changed]);
    expect(await arcVerdict(hop2, zone)).toMatchObject({ result: 'pass', i: 2 });

    // Tampering with the first set after the fact breaks the chain.
    const forged = Buffer.from(hop2.toString().replace('i=1; mx.lists.test;', 'i=1; mx.lists.test; arc=pass;'));
    expect((await arcVerdict(forged, zone)).result).toBe('fail');
  });

  it('folded and single-line b= both validate', async () => {
    const withAr = Buffer.from(`Authentication-Results: mx.lists.test; spf=pass smtp.mailfrom=example.test\r\n${message}`);
    for (const foldB of [true, false]) {
      const r = arcSeal(withAr, { cv: 'none', authservId: 'mx.lists.test', signingDomain: 'lists.test', selector: 'mc202611r', privateKey: fwd1.key, now: NOW, foldB });
      if (!r.sealed) throw new Error(r.reason);
      const signatures = r.headers.slice(0, r.headers.indexOf('ARC-Authentication-Results:'));
      expect(signatures.split('\r\n').some((l) => l.length > 78)).toBe(!foldB);
      expect(await arcVerdict(Buffer.concat([Buffer.from(r.headers), withAr]), zone)).toMatchObject({ result: 'pass', i: 1 });
    }
  });

  it('a failed chain gets cv=fail covering only the new set; a chain that failed before gets nothing', async () => {
    const withAr = Buffer.from(`Authentication-Results: mx.lists.test; spf=pass smtp.mailfrom=example.test\r\n${message}`);
    const first = seal(withAr, fwd1, { cv: 'none', authservId: 'mx.lists.test' });
    if (!first.sealed) throw new Error(first.reason);
    const broken = Buffer.from(Buffer.concat([Buffer.from(first.headers), withAr]).toString().replace('Forwarded twice.', 'Changed body.'));
    expect((await arcVerdict(broken, zone)).result).toBe('fail');
    const second = seal(broken, fwd2, { cv: 'fail', authservId: 'mx.forwarder.test', authResults: 'mx.forwarder.test; arc=fail' });
    expect(second).toMatchObject({ sealed: true, instance: 2, cv: 'fail' });
    if (!second.sealed) return;
    const third = seal(Buffer.concat([Buffer.from(second.headers), broken]), fwd1, { cv: 'pass', authservId: 'mx.lists.test', authResults: 'mx.lists.test; arc=fail' });
    expect(third).toEqual({ sealed: false, reason: 'the chain failed already (i=2 has cv=fail)' });
  });

  it('says cv=fail when the caller claims pass for a chain with a missing set, and stops at i=50', () => {
    const holes = Buffer.from(`ARC-Seal: i=2; a=rsa-sha256; cv=pass; d=x.test; s=s; b=AA\r\nAuthentication-Results: mx.lists.test; none\r\n${message}`);
    expect(seal(holes, fwd1, { cv: 'pass', authservId: 'mx.lists.test' })).toMatchObject({ sealed: true, instance: 3, cv: 'fail' });
    const full = Buffer.from(`ARC-Seal: i=50; a=rsa-sha256; cv=pass; d=x.test; s=s; b=AA\r\n${message}`);
    expect(seal(full, fwd1, { cv: 'pass', authservId: 'mx.lists.test', authResults: 'mx.lists.test; none' })).toMatchObject({ sealed: false });
  });

  it('refuses to seal without our results', () => {
    expect(() => seal(Buffer.from(message), fwd1, { cv: 'none', authservId: 'mx.lists.test' })).toThrow(/no Authentication-Results of mx.lists.test/);
  });
});
