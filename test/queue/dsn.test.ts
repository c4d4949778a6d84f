import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildDsn, type DsnInput } from '../../src/queue/dsn.js';

const PYTHON = '/usr/bin/python3';

/** Parses a message with Python's email package and reports what it sees, as JSON. */
const PARSER = String.raw`
import email, json, sys
from email import policy
msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
def part_info(p):
    info = {'type': p.get_content_type(), 'cte': p.get('Content-Transfer-Encoding'), 'charset': p.get_param('charset')}
    if p.get_content_type() == 'message/delivery-status':
        info['blocks'] = [dict((k, str(v)) for k, v in block.items()) for block in p.get_payload()]
    else:
        info['content'] = p.get_content()
    return info
defects = []
for p in msg.walk():
    defects += [type(d).__name__ for d in p.defects]
out = {
    'type': msg.get_content_type(),
    'reportType': msg.get_param('report-type'),
    'multipart': msg.is_multipart(),
    'from': [{'name': a.display_name, 'addr': a.addr_spec} for a in msg['from'].addresses],
    'to': [a.addr_spec for a in msg['to'].addresses],
    'subject': str(msg['subject']),
    'date': msg['date'].datetime.isoformat(),
    'messageId': str(msg['message-id']),
    'mimeVersion': str(msg['mime-version']),
    'autoSubmitted': str(msg['auto-submitted']),
    'parts': [part_info(p) for p in msg.iter_parts()],
    'defects': defects,
}
json.dump(out, sys.stdout)
`;

interface Parsed {
  type: string;
  reportType: string;
  multipart: boolean;
  from: { name: string; addr: string }[];
  to: string[];
  subject: string;
  date: string;
  messageId: string;
  mimeVersion: string;
  autoSubmitted: string;
  parts: { type: string; cte: string | null; charset: string | null; blocks?: Record<string, string>[]; content?: string }[];
  defects: string[];
}

function pyParse(dsn: Buffer): Parsed {
  const r = spawnSync(PYTHON, ['-c', PARSER], { input: dsn, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Parsed;
}

const ORIGINAL = Buffer.from(
  [
    'Received: from client.example.com by mx.mailcove.test; Tue, 26 Nov 2024 15:00:00 +0000',
    'From: Alice <alice@example.com>',
    'To: bob@example.org',
    'Subject: Hello there',
    'Message-ID: <orig-1@example.com>',
    'Date: Tue, 26 Nov 2024 14:59:58 +0000',
    '',
    'SECRET BODY LINE that must not be returned',
    '',
  ].join('\r\n'),
);

function input(overrides: Partial<DsnInput> = {}): DsnInput {
  return {
    reportingMta: 'mx.mailcove.test',
    from: 'MAILER-DAEMON@mx.mailcove.test',
    to: 'alice@example.com',
    arrivalDate: new Date('2024-11-26T15:00:00Z'),
    envelopeId: 'QQ314159',
    recipients: [
      {
        address: 'bob@example.org',
        originalRecipient: 'rfc822;Bob@Example.org',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 No such user here',
        remoteMta: 'mx1.example.org',
        lastAttempt: new Date('2024-11-26T15:00:05Z'),
      },
    ],
    originalMessage: ORIGINAL,
    kind: 'failure',
    messageId: 'dsn-1@mx.mailcove.test',
    date: new Date('2024-11-26T15:00:06Z'),
    ...overrides,
  };
}

function lines(dsn: Buffer): string[] {
  return dsn.toString('latin1').split('\r\n');
}

/** Structural invariants every DSN must keep. */
function expectWellFormed(dsn: Buffer, { ascii = true } = {}) {
  const text = dsn.toString('latin1');
  expect(text.endsWith('\r\n')).toBe(true);
  expect(/\r(?!\n)/.test(text), 'bare CR').toBe(false);
  expect(/(?<!\r)\n/.test(text), 'bare LF').toBe(false);
  for (const l of lines(dsn)) expect(Buffer.byteLength(l, 'latin1')).toBeLessThanOrEqual(998);
  if (ascii) expect([...dsn].every((b) => b < 0x80), 'not 7bit').toBe(true);
}

function section(dsn: Buffer, contentType: string): string {
  const text = dsn.toString('utf8');
  const boundary = /boundary="([^"]+)"/.exec(text)![1]!;
  const part = text.split(`\r\n--${boundary}`).find((p) => p.includes(`\r\nContent-Type: ${contentType}`))!;
  return part.slice(part.indexOf('\r\n\r\n') + 4);
}

describe('buildDsn', () => {
  it('builds a multipart/report that Python parses, with the RFC 3464 fields', () => {
    const dsn = buildDsn(input());
    expectWellFormed(dsn);
    const p = pyParse(dsn);
    expect(p.defects).toEqual([]);
    expect(p.type).toBe('multipart/report');
    expect(p.reportType).toBe('delivery-status');
    expect(p.from).toEqual([{ name: 'Mail Delivery System', addr: 'MAILER-DAEMON@mx.mailcove.test' }]);
    expect(p.to).toEqual(['alice@example.com']);
    expect(p.subject).toBe('Undelivered Mail Returned to Sender');
    expect(p.date).toBe('2024-11-26T15:00:06+00:00');
    expect(p.messageId).toBe('<dsn-1@mx.mailcove.test>');
    expect(p.mimeVersion).toBe('1.0');
    expect(p.autoSubmitted).toBe('auto-replied');
    expect(p.parts.map((x) => x.type)).toEqual(['text/plain', 'message/delivery-status', 'text/rfc822-headers']);

    const [perMessage, perRecipient, ...more] = p.parts[1]!.blocks!;
    expect(more).toEqual([]);
    expect(perMessage).toEqual({
      'Original-Envelope-Id': 'QQ314159',
      'Reporting-MTA': 'dns; mx.mailcove.test',
      'Arrival-Date': 'Tue, 26 Nov 2024 15:00:00 +0000',
    });
    expect(perRecipient).toEqual({
      'Original-Recipient': 'rfc822; Bob@Example.org',
      'Final-Recipient': 'rfc822; bob@example.org',
      Action: 'failed',
      Status: '5.1.1',
      'Remote-MTA': 'dns; mx1.example.org',
      'Diagnostic-Code': 'smtp; 550 5.1.1 No such user here',
      'Last-Attempt-Date': 'Tue, 26 Nov 2024 15:00:05 +0000',
    });

    const human = p.parts[0]!.content!;
    expect(human).toContain('mx.mailcove.test');
    expect(human).toContain('<bob@example.org>: delivery failed permanently (status 5.1.1).');
    expect(human).toContain('The remote server mx1.example.org replied:');
    expect(human).toContain('550 5.1.1 No such user here');

    const headers = p.parts[2]!.content!;
    expect(headers).toContain('Subject: Hello there');
    expect(headers).toContain('Message-ID: <orig-1@example.com>');
    expect(headers).not.toContain('SECRET BODY');
  });

  it('lays the message out as expected (plain string checks)', () => {
    const dsn = buildDsn(input());
    const text = dsn.toString('latin1');
    const [head] = text.split('\r\n\r\n');
    const boundary = /boundary="([^"]+)"/.exec(text)![1]!;
    expect(head).toBe(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.mailcove.test>',
        'To: <alice@example.com>',
        'Subject: Undelivered Mail Returned to Sender',
        'Date: Tue, 26 Nov 2024 15:00:06 +0000',
        'Message-ID: <dsn-1@mx.mailcove.test>',
        'MIME-Version: 1.0',
        'Auto-Submitted: auto-replied',
        'Content-Type: multipart/report; report-type=delivery-status;',
        ` boundary="${boundary}"`,
      ].join('\r\n'),
    );
    // Three body parts, then the close delimiter, then nothing.
    expect(text.split(`\r\n--${boundary}\r\n`)).toHaveLength(4);
    expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    expect(text).toContain('\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n');
    expect(section(dsn, 'message/delivery-status')).toBe(
      [
        'Original-Envelope-Id: QQ314159',
        'Reporting-MTA: dns; mx.mailcove.test',
        'Arrival-Date: Tue, 26 Nov 2024 15:00:00 +0000',
        '',
        'Original-Recipient: rfc822; Bob@Example.org',
        'Final-Recipient: rfc822; bob@example.org',
        'Action: failed',
        'Status: 5.1.1',
        'Remote-MTA: dns; mx1.example.org',
        'Diagnostic-Code: smtp; 550 5.1.1 No such user here',
        'Last-Attempt-Date: Tue, 26 Nov 2024 15:00:05 +0000',
        '',
      ].join('\r\n'),
    );
    // Only the header block of the original, ending at (and including) its last header line.
    expect(section(dsn, 'text/rfc822-headers')).toBe(ORIGINAL.toString('latin1').split('\r\n\r\n')[0] + '\r\n');
    // Deterministic: a pure function of its input.
    expect(buildDsn(input()).equals(dsn)).toBe(true);
  });

  it('reports a delay with Will-Retry-Until and says until when it keeps trying', () => {
    const until = new Date('2024-12-01T15:00:00Z');
    const dsn = buildDsn(
      input({
        kind: 'delay',
        envelopeId: undefined,
        recipients: [
          {
            address: 'carol@example.net',
            action: 'delayed',
            status: '4.4.1',
            diagnosticCode: '421 4.4.1 Connection timed out', // no type: gets "smtp;"
            remoteMta: 'dns; mx.example.net',
            lastAttempt: new Date('2024-11-26T16:00:00Z'),
            willRetryUntil: until,
          },
          { address: 'dave@example.net', action: 'delivered', status: '2.0.0', remoteMta: 'mx.example.net' },
        ],
      }),
    );
    expectWellFormed(dsn);
    const p = pyParse(dsn);
    expect(p.defects).toEqual([]);
    expect(p.subject).toBe('Delayed Mail (still being retried)');
    const [perMessage, carol, dave] = p.parts[1]!.blocks!;
    expect(perMessage).not.toHaveProperty('Original-Envelope-Id');
    expect(carol).toMatchObject({
      'Final-Recipient': 'rfc822; carol@example.net',
      Action: 'delayed',
      Status: '4.4.1',
      'Remote-MTA': 'dns; mx.example.net',
      'Diagnostic-Code': 'smtp; 421 4.4.1 Connection timed out',
      'Will-Retry-Until': 'Sun, 01 Dec 2024 15:00:00 +0000',
    });
    expect(dave).toEqual({ 'Final-Recipient': 'rfc822; dave@example.net', Action: 'delivered', Status: '2.0.0', 'Remote-MTA': 'dns; mx.example.net' });
    const human = p.parts[0]!.content!.replace(/\s+/g, ' ');
    expect(human).toContain('We will keep trying to deliver it until Sun, 01 Dec 2024 15:00:00 +0000.');
    expect(human).toContain('You do not need to resend your message.');
    expect(human).toContain('<carol@example.net>: delivery is delayed (status 4.4.1).');
  });

  it('folds a long diagnostic at spaces, and a huge single word below 998 octets', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const giant = 'x'.repeat(2500);
    const dsn = buildDsn(
      input({
        recipients: [
          { address: 'bob@example.org', action: 'failed', status: '5.7.1', diagnosticCode: `smtp; 550 5.7.1 ${words}` },
          { address: 'eve@example.org', action: 'failed', status: '5.7.1', diagnosticCode: `smtp; 550 ${giant}` },
        ],
      }),
    );
    expectWellFormed(dsn);
    const status = section(dsn, 'message/delivery-status').split('\r\n');
    const start = status.findIndex((l) => l.startsWith('Diagnostic-Code: smtp; 550 5.7.1 word0 '));
    expect(start).toBeGreaterThan(0);
    let end = start + 1;
    while (status[end]!.startsWith(' ')) end++;
    expect(end - start).toBeGreaterThan(5);
    for (const l of status.slice(start, end)) expect(l.length).toBeLessThanOrEqual(78);
    const p = pyParse(dsn);
    expect(p.defects).toEqual([]);
    const [, bob, eve] = p.parts[1]!.blocks!;
    // Unfolding gives the value back exactly.
    expect(bob!['Diagnostic-Code']).toBe(`smtp; 550 5.7.1 ${words}`);
    // The giant word had to be split: only folding white space was added.
    expect(eve!['Diagnostic-Code']!.replace(/ /g, '')).toBe(`smtp;550${giant}`);
    // The human-readable part wraps too.
    expect(lines(dsn).filter((l) => l.startsWith('        word')).length).toBeGreaterThan(3);
  });

  it('returns only the header block, for LF-only, header-only and body-less originals', () => {
    const lf = buildDsn(input({ originalMessage: Buffer.from('Subject: lf only\nX-A: 1\n  continued\n\nbody text\n') }));
    expectWellFormed(lf);
    expect(section(lf, 'text/rfc822-headers')).toBe('Subject: lf only\r\nX-A: 1\r\n  continued\r\n');
    const headerOnly = buildDsn(input({ originalMessage: Buffer.from('Subject: just headers\r\nX-B: 2') }));
    expect(section(headerOnly, 'text/rfc822-headers')).toBe('Subject: just headers\r\nX-B: 2\r\n');
    expect(pyParse(headerOnly).parts[2]!.content).toBe('Subject: just headers\r\nX-B: 2\r\n');
    const noHeaders = buildDsn(input({ originalMessage: Buffer.from('\r\nbody only\r\n') }));
    expectWellFormed(noHeaders);
    expect(pyParse(noHeaders).parts).toHaveLength(3);
    expect(noHeaders.toString()).not.toContain('body only');
  });

  it('stays 7bit with UTF-8 addresses, diagnostics and headers (RFC 6533 utf-8 type)', () => {
    const original = Buffer.from('Subject: Grüße\r\nFrom: Jörg <jörg@exämple.org>\r\nX-Long: ' + 'y'.repeat(1200) + '\r\n\r\nbody\r\n');
    const dsn = buildDsn(
      input({
        recipients: [
          {
            address: 'jörg@exämple.org',
            originalRecipient: 'rfc822;Jörg+tag=1@exämple.org',
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 Benutzer unbekannt: jörg',
            remoteMta: 'mx.exämple.org',
          },
        ],
        originalMessage: original,
      }),
    );
    expectWellFormed(dsn);
    const status = section(dsn, 'message/delivery-status');
    expect(status).toContain('\r\nFinal-Recipient: utf-8; j\\x{F6}rg@ex\\x{E4}mple.org\r\n');
    expect(status).toContain('\r\nOriginal-Recipient: utf-8; J\\x{F6}rg\\x{2B}tag\\x{3D}1@ex\\x{E4}mple.org\r\n');
    expect(status).toContain('\r\nRemote-MTA: dns; mx.xn--exmple-cua.org\r\n');
    expect(status).toContain('\r\nDiagnostic-Code: smtp; 550 5.1.1 Benutzer unbekannt: j?rg\r\n');
    expect(dsn.toString()).toContain('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n');
    expect(dsn.toString()).toContain('Content-Type: text/rfc822-headers; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n');
    const p = pyParse(dsn);
    expect(p.defects).toEqual([]);
    expect(p.parts[0]!.content).toContain('<jörg@exämple.org>: delivery failed permanently');
    expect(p.parts[0]!.content).toContain('Benutzer unbekannt: jörg');
    expect(p.parts[1]!.blocks![1]!['Final-Recipient']).toBe('utf-8; j\\x{F6}rg@ex\\x{E4}mple.org');
    const headers = p.parts[2]!.content!;
    expect(headers).toContain('Subject: Grüße\r\n');
    expect(headers).toContain('X-Long: ' + 'y'.repeat(1200));
    expect(headers).not.toContain('body');
  });

  it('writes a UTF-8 envelope sender raw only in To, keeping the rest 7bit', () => {
    const dsn = buildDsn(input({ to: 'jörg@exämple.org' }));
    expectWellFormed(dsn, { ascii: false });
    const text = dsn.toString('utf8');
    expect(text).toContain('\r\nTo: <jörg@xn--exmple-cua.org>\r\n');
    expect([...Buffer.from(text.replace('jörg', 'jorg'), 'utf8')].every((b) => b < 0x80)).toBe(true);
    // Python's bytes parser reads header octets as ASCII (surrogate escapes), not RFC 6532 UTF-8;
    // the structure must still parse.
    const p = pyParse(dsn);
    expect(p.to[0]).toMatch(/@xn--exmple-cua\.org$/);
    expect(p.parts.map((x) => x.type)).toEqual(['text/plain', 'message/delivery-status', 'text/rfc822-headers']);
  });

  it('cannot be made to inject fields or headers', () => {
    const dsn = buildDsn(
      input({
        envelopeId: 'id\r\nX-Injected: envid',
        recipients: [
          {
            address: 'bob@example.org\r\nX-Injected: rcpt',
            originalRecipient: 'rfc822;bob@example.org\nX-Injected: orcpt',
            action: 'failed',
            status: '5.1.1\r\nX-Injected: status',
            diagnosticCode: 'smtp; 550-5.1.1 first line\r\n550 5.1.1 second line\r\nX-Injected: diag',
            remoteMta: 'mx.example.org\r\nX-Injected: mta',
          },
        ],
      }),
    );
    expectWellFormed(dsn);
    expect(lines(dsn).filter((l) => /^X-Injected/i.test(l))).toEqual([]);
    const p = pyParse(dsn);
    expect(p.defects).toEqual([]);
    const [perMessage, rcpt] = p.parts[1]!.blocks!;
    expect(Object.keys(perMessage!)).toEqual(['Original-Envelope-Id', 'Reporting-MTA', 'Arrival-Date']);
    expect(perMessage!['Original-Envelope-Id']).toBe('id+0D+0AX-Injected: envid');
    expect(rcpt!['Status']).toBe('5.0.0'); // an unusable status falls back by action
    expect(rcpt!['Diagnostic-Code']).toBe('smtp; 550-5.1.1 first line 550 5.1.1 second line X-Injected: diag');
    expect(Object.keys(rcpt!)).toEqual(['Original-Recipient', 'Final-Recipient', 'Action', 'Status', 'Remote-MTA', 'Diagnostic-Code']);
  });

  it('rejects programming errors', () => {
    expect(() => buildDsn(input({ recipients: [] }))).toThrow(RangeError);
    expect(() => buildDsn(input({ to: '' }))).toThrow(/null sender/);
    expect(() => buildDsn(input({ to: '<>' }))).toThrow(/null sender/);
    expect(() => buildDsn(input({ date: new Date('nope') }))).toThrow(RangeError);
    expect(() => buildDsn(input({ messageId: 'no at sign' }))).toThrow(RangeError);
    expect(() => buildDsn(input({ messageId: '<a@b>' }))).not.toThrow();
  });
});
