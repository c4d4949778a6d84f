// Report attachments as reporters send them: .xml, .xml.gz, .zip (ours and Info-ZIP's), and the
// archives an attacker would send instead: bombs, lies about sizes, nesting, encryption.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ArchiveError, unpack } from '../../src/reports/unpack.js';
import { crc32, readZip, writeZip } from '../../src/reports/zip.js';
import { extractReports } from '../../src/reports/extract.js';
import { GOOGLE_LIKE, MICROSOFT_LIKE, TLSRPT, reportMail } from './samples.js';

const xml = Buffer.from(GOOGLE_LIKE);
const MB = 1024 * 1024;

function hasZipTool(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v zip'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('ZIP reader', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('reads deflated and stored entries of our own writer', () => {
    const zip = writeZip([
      { name: 'google.com!example.test!1732579200!1732665599.xml', data: xml },
      { name: 'stored.xml', data: Buffer.from(MICROSOFT_LIKE), store: true },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['google.com!example.test!1732579200!1732665599.xml', 'stored.xml', 'empty.txt']);
    expect(entries[0]!.data.equals(xml)).toBe(true);
    expect(entries[1]!.data.toString()).toBe(MICROSOFT_LIKE);
    expect(entries[2]!.data.length).toBe(0);
  });

  it.runIf(hasZipTool())('reads an archive made by Info-ZIP zip (a directory entry, data descriptors from a pipe)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailcove-zip-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.writeFileSync(path.join(dir, 'sub', 'report.xml'), xml);
      execFileSync('zip', ['-q', '-r', 'a.zip', 'sub'], { cwd: dir });
      // From standard input: zip writes the sizes in a data descriptor after the data (flag bit 3).
      const piped = execFileSync('zip', ['-q', '-', '-'], { cwd: dir, input: xml });
      const a = readZip(fs.readFileSync(path.join(dir, 'a.zip')));
      expect(a.map((e) => e.name)).toEqual(['sub/report.xml']);
      expect(a[0]!.data.equals(xml)).toBe(true);
      const b = readZip(piped);
      expect(b).toHaveLength(1);
      expect(b[0]!.data.equals(xml)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it.skipIf(hasZipTool())('Info-ZIP interoperability: skipped, the zip command is not installed (apt-get install zip)', () => undefined);

  it('refuses a zip bomb by its declared ratio before inflating', () => {
    const bomb = writeZip([{ name: 'bomb.xml', data: Buffer.alloc(15 * MB) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => readZip(bomb)).toThrow(/compression ratio of \d+:1, refused as a zip bomb/);
  });

  it('refuses an entry declared larger than the limit', () => {
    const big = writeZip([{ name: 'big.xml', data: Buffer.alloc(21 * MB, 'a') }]);
    expect(() => readZip(big)).toThrow(/unpacks to more than 20971520 bytes/);
  });

  it('refuses a bomb whose header lies about its size: inflation stops at the declared size', () => {
    const zip = writeZip([{ name: 'liar.xml', data: Buffer.alloc(5 * MB) }]);
    // Declared uncompressed size 1000 in the central directory (offset of the CD entry + 24).
    const cd = zip.readUInt32LE(zip.length - 22 + 16);
    zip.writeUInt32LE(1000, cd + 24);
    expect(() => readZip(zip)).toThrow(/inflates to more than its declared 1000 bytes/);
  });

  it('refuses too many entries, encryption, unknown methods, ZIP64, corruption and a bad CRC', () => {
    const many = writeZip(Array.from({ length: 17 }, (_, i) => ({ name: `r${i}.xml`, data: xml })));
    expect(() => readZip(many)).toThrow(/17 entries, more than the 16 accepted/);

    const one = () => writeZip([{ name: 'r.xml', data: xml }]);
    const cdAt = (z: Buffer) => z.readUInt32LE(z.length - 22 + 16);
    const encrypted = one();
    encrypted.writeUInt16LE(0x801, cdAt(encrypted) + 8);
    expect(() => readZip(encrypted)).toThrow(/encrypted/);
    const bzip2 = one();
    bzip2.writeUInt16LE(12, cdAt(bzip2) + 10);
    expect(() => readZip(bzip2)).toThrow(/compression method 12/);
    const zip64 = one();
    zip64.writeUInt32LE(0xffffffff, zip64.length - 22 + 16);
    expect(() => readZip(zip64)).toThrow(/ZIP64/);
    const crc = one();
    crc.writeUInt32LE(0x12345678, cdAt(crc) + 16);
    expect(() => readZip(crc)).toThrow(/CRC-32/);
    expect(() => readZip(one().subarray(0, 60))).toThrow(ArchiveError);
    expect(() => readZip(Buffer.from('PK\x03\x04 this is not really a zip file at all, just text'))).toThrow(/no end of central directory/);
  });
});

describe('unpacking attachments', () => {
  it('passes plain documents through and unpacks gzip and zip, also nested once', () => {
    expect(unpack(xml, 'r.xml')).toEqual([{ name: 'r.xml', data: xml }]);
    expect(unpack(zlib.gzipSync(xml), 'r.xml.gz')[0]).toEqual({ name: 'r.xml', data: xml });
    expect(unpack(writeZip([{ name: 'in.xml', data: xml }]), 'r.zip')[0]).toEqual({ name: 'in.xml', data: xml });
    const zipOfGz = writeZip([{ name: 'in.xml.gz', data: zlib.gzipSync(xml), store: true }]);
    expect(unpack(zipOfGz, 'r.zip')[0]).toEqual({ name: 'in.xml', data: xml });
  });

  it('refuses archives nested deeper than two levels', () => {
    const deep = zlib.gzipSync(writeZip([{ name: 'in.xml.gz', data: zlib.gzipSync(xml) }]));
    expect(() => unpack(deep, 'r.gz')).toThrow(/nested more than 2 deep/);
  });

  it('refuses a gzip bomb and an oversize gzip', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(30 * MB));
    expect(() => unpack(bomb, 'bomb.xml.gz')).toThrow(/unpacks to more than 20971520 bytes, refused/);
    const dense = zlib.gzipSync(Buffer.alloc(10 * MB));
    expect(() => unpack(dense, 'dense.xml.gz')).toThrow(/compression ratio of \d+:1, refused as a zip bomb/);
    expect(() => unpack(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'broken.gz')).toThrow(/not valid gzip/);
  });

  it('counts every level against one total', () => {
    const twice = writeZip([
      { name: 'a.xml.gz', data: zlib.gzipSync(Buffer.alloc(12 * MB, 'x').fill('<a>', 0, 3)), store: true },
      { name: 'b.xml.gz', data: zlib.gzipSync(Buffer.alloc(12 * MB, 'y')), store: true },
    ]);
    expect(() => unpack(twice, 'r.zip', { maxRatio: 100_000 })).toThrow(/unpacks to more than/);
  });
});

describe('finding reports in a message', () => {
  const mail = (filename: string, contentType: string, data: Buffer) => Buffer.from(reportMail({ to: 'dmarc@example.test', filename, contentType, data }));

  it('finds DMARC reports as .xml, .xml.gz and .zip, and TLS-RPT as application/tlsrpt+gzip', () => {
    const cases: Array<[string, string, Buffer, string]> = [
      ['r.xml', 'text/xml', xml, 'dmarc'],
      ['google.com!example.test!1732579200!1732665599.xml.gz', 'application/gzip', zlib.gzipSync(xml), 'dmarc'],
      ['enterprise.protection.outlook.com!example.test!1732579200!1732665600.xml.gz', 'application/octet-stream', zlib.gzipSync(Buffer.from(MICROSOFT_LIKE)), 'dmarc'],
      ['google.com!example.test!1732579200!1732665599.zip', 'application/zip', writeZip([{ name: 'google.com!example.test!1732579200!1732665599.xml', data: xml }]), 'dmarc'],
      ['company-x.example!example.test!1732579200!1732665599.json.gz', 'application/tlsrpt+gzip', zlib.gzipSync(TLSRPT), 'tls'],
      ['report.json', 'application/tlsrpt+json', Buffer.from(TLSRPT), 'tls'],
    ];
    for (const [name, type, data, kind] of cases) {
      const found = extractReports(mail(name, type, data));
      expect(found.map((f) => f.kind), name).toEqual([kind]);
    }
  });

  it('names what it could not read, and ignores ordinary attachments', () => {
    const bomb = extractReports(mail('r.xml.gz', 'application/gzip', zlib.gzipSync(Buffer.alloc(30 * MB))));
    expect(bomb).toEqual([{ kind: 'error', name: 'r.xml.gz', error: expect.stringMatching(/refused/) }]);
    const dtd = extractReports(mail('r.xml', 'text/xml', Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><feedback/>')));
    expect(dtd[0]).toMatchObject({ kind: 'error', error: expect.stringMatching(/DOCTYPE/) });
    expect(extractReports(mail('photo.jpg', 'image/jpeg', Buffer.from('not a report')))).toEqual([]);
  });
});
