// Pure parts of learning from reports: what a report learns from, which campaign it belongs to,
// and which IMAP moves and flags count as reports.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/mime/index.js';
import { campaignFingerprint, withoutOurTopFields } from '../../src/filters/spam-training.js';
import { labelOfFlags, labelOfMove } from '../../src/filters/spam-trainer.js';

const msg = (raw: string) => {
  const buf = Buffer.from(raw.replace(/\r?\n/g, '\r\n'));
  return { raw: buf, parsed: parseMessage(buf) };
};

describe('learning from reports', () => {
  it('learns from the message as classified: our Return-Path, Received and verdict removed, nothing else', () => {
    const stored = 'Return-Path: <a@x.test>\r\nReceived: from h ([192.0.2.1])\r\n\tby mx.example.test (Mailcove) with ESMTP id 1;\r\n\tThu, 26 Nov 2026 10:00:00 +0000\r\nX-Mailcove-Spam: no; score=1.0\r\nAuthentication-Results: mx.example.test; spf=none\r\nReceived: from other (Mailcove) with ESMTP\r\nFrom: a@x.test\r\n\r\nbody\r\n';
    expect(withoutOurTopFields(Buffer.from(stored)).toString()).toBe('Authentication-Results: mx.example.test; spf=none\r\nReceived: from other (Mailcove) with ESMTP\r\nFrom: a@x.test\r\n\r\nbody\r\n');
    const plain = Buffer.from('From: a@x.test\r\n\r\nbody\r\n');
    expect(withoutOurTopFields(plain)).toBe(plain);
  });

  it('one campaign whoever it was sent to; the name blanked only as a word', () => {
    const mail = (to: string, n: number) => msg(`From: Shop <deals@shop.test>\nSubject: Order ${n} ready\n\nHello ${to}, please see order ${n}.\n`);
    expect(campaignFingerprint(mail('lea', 1), 'lea@example.test')).toBe(campaignFingerprint(mail('jon', 22), 'jon@example.test'));
    expect(campaignFingerprint(mail('lea', 1), 'lea@example.test')).not.toBe(campaignFingerprint(msg('From: Shop <deals@shop.test>\nSubject: Order 1 ready\n\nSomething else.\n'), 'lea@example.test'));
  });

  it('moves into Spam teach spam, out of it ham, to the Trash nothing; $Junk and $NotJunk likewise', () => {
    const move = (fromRole: string | null, toRole: string | null) => labelOfMove({ type: 'message.moved', mailboxId: 1, fromFolderId: 1, toFolderId: 2, fromRole, toRole, count: 1, how: 'move' });
    expect(move('inbox', 'junk')).toBe('spam');
    expect(move(null, 'junk')).toBe('spam');
    expect(move('junk', 'inbox')).toBe('ham');
    expect(move('junk', null)).toBe('ham');
    expect(move('junk', 'trash')).toBeNull();
    expect(move('inbox', 'archive')).toBeNull();
    expect(labelOfFlags(['$junk'])).toBe('spam');
    expect(labelOfFlags(['\\Seen', '$NotJunk'])).toBe('ham');
    expect(labelOfFlags(['\\Seen'])).toBeNull();
    expect(labelOfFlags(undefined)).toBeNull();
  });
});
