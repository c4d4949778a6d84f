// The README's first line on an empty data folder: `mailcove serve` sets everything up by itself
// (database, self-signed certificate, first admin with a one-time password printed) and serves.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServers, startServe, tempDir } from '../helpers/cli.js';

function post(port: number, urlPath: string, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = https.request({ host: '127.0.0.1', port, path: urlPath, method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('quick start', () => {
  const dataDir = path.join(tempDir('mailcove-quickstart-'), 'data');
  afterAll(async () => {
    await killAllServers();
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('serve on an empty folder creates the database, a certificate and an admin, then serves', async () => {
    const server = await startServe({ dataDir, listeners: ['smtp', 'http'] });
    const { stdout } = server.output();
    const password = /one-time password: (\S+)/.exec(stdout)?.[1];
    const email = /first admin: (\S+)/.exec(stdout)?.[1];
    expect(password).toBeTruthy();
    expect(fs.existsSync(path.join(dataDir, 'mailcove.db'))).toBe(true);
    const cert = new crypto.X509Certificate(fs.readFileSync(path.join(dataDir, 'tls', 'cert.pem')));
    expect(cert.checkHost('mx.mailcove.test')).toBe('mx.mailcove.test');
    // The API speaks HTTPS with that certificate; the one-time password logs in, once changed it is gone.
    const login = await post(server.ports.http!, '/api/v1/auth/login', { email, password });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ admin: true, mustChangePassword: true });
    expect((await server.stop()).code).toBe(0);
    // A second start finds everything in place and prints no new password.
    const again = await startServe({ dataDir, listeners: ['smtp'] });
    expect(again.output().stdout).not.toContain('one-time password');
    expect((await again.stop()).code).toBe(0);
  });
});
