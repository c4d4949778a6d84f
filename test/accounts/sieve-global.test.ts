import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openGlobalScripts } from '../../src/accounts/sieve-global.js';

describe('global Sieve scripts folder', () => {
  let dir: string;
  let clock = 0;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-sieve-global-'));
    clock = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads <name>.sieve files, sees edits after a second, and nothing else', () => {
    const g = openGlobalScripts(path.join(dir, 'global'), () => clock);
    expect(g.snapshot().get('spam')).toBeNull(); // no folder yet
    fs.mkdirSync(path.join(dir, 'global'));
    fs.writeFileSync(path.join(dir, 'global', 'spam.sieve'), 'keep;');
    fs.writeFileSync(path.join(dir, 'global', 'notes.txt'), 'not a script');
    fs.writeFileSync(path.join(dir, 'global', '.hidden.sieve'), 'discard;');
    expect(g.snapshot().get('spam')).toBeNull(); // looked less than a second ago
    clock += 1000;
    const first = g.snapshot();
    expect(first.get('spam')).toBe('keep;');
    expect(first.get('notes')).toBeNull();
    expect(first.get('.hidden')).toBeNull();
    expect(first.get('../global/spam')).toBeNull();
    fs.writeFileSync(path.join(dir, 'global', 'spam.sieve'), 'fileinto "Junk";');
    fs.utimesSync(path.join(dir, 'global', 'spam.sieve'), new Date(), new Date(Date.now() + 5000));
    clock += 1000;
    const second = g.snapshot();
    expect(second.get('spam')).toBe('fileinto "Junk";');
    expect(second.generation).not.toBe(first.generation);
    clock += 1000;
    expect(g.snapshot()).toBe(second); // unchanged folder: same snapshot, nothing re-read
  });
});
