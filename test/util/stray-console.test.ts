import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { routeStrayConsole } from '../../src/util/stray-console.js';

describe('stray console output while serving', () => {
  it('becomes one JSON log line, and the console comes back after', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
    const log = pino({ base: null }, sink);
    const original = console.log;
    const restore = routeStrayConsole(log);
    try {
      console.log('TOTAL', 120, 'EXPECTING', 4000); // what mailauth prints for a DKIM l= past the body
      console.error('oops %d', 3);
    } finally {
      restore();
    }
    expect(console.log).toBe(original);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as { level: number; console: string; text: string; msg: string };
    expect(first).toMatchObject({ level: 40, console: 'log', text: 'TOTAL 120 EXPECTING 4000' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ console: 'error', text: 'oops 3' });
  });
});
