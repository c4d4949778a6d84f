import { describe, expect, it } from 'vitest';
import { ImapParseError } from '../../../src/imap/protocol/errors.js';
import { decodeMUtf7, encodeMUtf7, isValidMUtf7, mailboxNameFromClient, mailboxNameToClient } from '../../../src/imap/protocol/mutf7.js';
import { rng } from './helpers.js';

describe('modified UTF-7 (RFC 3501 5.1.3)', () => {
  it('the RFC examples round-trip', () => {
    expect(decodeMUtf7('~peter/mail/&U,BTFw-/&ZeVnLIqe-')).toBe('~peter/mail/台北/日本語');
    expect(encodeMUtf7('~peter/mail/台北/日本語')).toBe('~peter/mail/&U,BTFw-/&ZeVnLIqe-');
    expect(decodeMUtf7('&Jjo-!')).toBe('☺!');
    expect(encodeMUtf7('☺!')).toBe('&Jjo-!');
  });

  it('"&" is "&-"; printable ASCII stands for itself', () => {
    expect(encodeMUtf7('Tom & Jerry')).toBe('Tom &- Jerry');
    expect(decodeMUtf7('Tom &- Jerry')).toBe('Tom & Jerry');
    expect(encodeMUtf7('INBOX/Sent Items')).toBe('INBOX/Sent Items');
    expect(encodeMUtf7('')).toBe('');
  });

  it('encodes runs of non-ASCII, astral characters as surrogate pairs, and controls', () => {
    expect(encodeMUtf7('Entwürfe')).toBe('Entw&APw-rfe');
    expect(encodeMUtf7('éé')).toBe('&AOkA6Q-');
    expect(encodeMUtf7('😀')).toBe('&2D3eAA-');
    expect(encodeMUtf7('a\tb')).toBe('a&AAk-b');
    expect(decodeMUtf7('&2D3eAA-')).toBe('😀');
    expect(() => encodeMUtf7('\ud800x')).toThrow(RangeError);
  });

  it.each([
    ['&Jjo', '"&" without a closing "-"'],
    ['a&', '"&" without a closing "-"'],
    ['&Jj!-', '"!" is not modified base64'],
    ['&U/BTFw-', '"/" is not modified base64'],
    ['&AOl-', 'base64 does not end on a UTF-16 unit'],
    ['&AO-', 'base64 does not end on a UTF-16 unit'],
    ['&AC8-', 'printable character "/" must not be encoded'],
    ['&AC4ALg-', 'printable character "." must not be encoded'],
    ['&AGE-', 'printable character "a" must not be encoded'],
    ['&AOk-&AOk-', 'not in canonical form'],
    ['&2D0-', 'unpaired UTF-16 surrogate'],
    ['&3gA-', 'unpaired UTF-16 surrogate'],
    ['&AAA-', 'NUL'],
    ['Entwürfe', 'characters outside printable US-ASCII must be encoded'],
    ['a\tb', 'characters outside printable US-ASCII must be encoded'],
  ])('refuses %j', (name, why) => {
    expect(() => decodeMUtf7(name)).toThrow(ImapParseError);
    expect(() => decodeMUtf7(name)).toThrow(`Invalid mailbox name (modified UTF-7, RFC 3501 5.1.3): ${why}`);
    expect(isValidMUtf7(name)).toBe(false);
  });

  it('random Unicode names round-trip, and every encoding is valid', () => {
    const rand = rng(7);
    const alphabet = ['a', 'Z', '&', '-', '/', ' ', '~', 'é', 'ü', '台', '北', '☺', '😀', '\u0001', '\u007f', '\u00a0', '𝄞'];
    for (let i = 0; i < 2000; i++) {
      let name = '';
      const len = Math.floor(rand() * 12);
      for (let j = 0; j < len; j++) name += alphabet[Math.floor(rand() * alphabet.length)];
      const enc = encodeMUtf7(name);
      expect(enc).toMatch(/^[\x20-\x7e]*$/);
      expect(decodeMUtf7(enc)).toBe(name);
    }
  });

  it('UTF8=ACCEPT (RFC 6855 3): names go as UTF-8 both ways', () => {
    expect(mailboxNameFromClient('Entwürfe', true)).toBe('Entwürfe');
    expect(mailboxNameFromClient('Entw&APw-rfe', false)).toBe('Entwürfe');
    expect(mailboxNameToClient('Entwürfe', true)).toBe('Entwürfe');
    expect(mailboxNameToClient('Entwürfe', false)).toBe('Entw&APw-rfe');
    expect(() => mailboxNameFromClient('a\0b', true)).toThrow(ImapParseError);
  });
});
