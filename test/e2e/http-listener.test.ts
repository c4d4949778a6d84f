// The whole node serves the JSON API over HTTPS (its own certificate) next to SMTP.
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import * as admin from '../../src/accounts/admin.js';
import { provision, startTestNode, type TestNode } from '../helpers/server.js';

function get(port: number, path: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, path, rejectUnauthorized: false, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

describe('HTTPS listener of a running node', () => {
  let node: TestNode;
  let token: string;
  beforeAll(async () => {
    node = await startTestNode({ config: { listen: { smtp: '127.0.0.1:0', submission: 'off', submissions: 'off', imap: 'off', imaps: 'off', managesieve: 'off', http: '127.0.0.1:0' } } });
    await provision(node.admin, 'example.test', ['alice']);
    await admin.addUser(node.admin, 'root@example.test', { admin: true, password: 'a long admin password' });
    token = (await admin.createApiToken(node.admin, 'root@example.test', 'test')).token;
  });
  afterAll(() => node.cleanup());

  it('answers health, API and metrics, counting SMTP traffic', async () => {
    const port = node.server.addresses.http!.port;
    expect(await get(port, '/healthz')).toMatchObject({ status: 200 });
    expect((await get(port, '/api/v1/domains')).status).toBe(401);
    const domains = await get(port, '/api/v1/domains', token);
    expect(JSON.parse(domains.body).domains.map((d: { name: string }) => d.name)).toEqual(['example.test']);
    await nodemailer.createTransport({ host: '127.0.0.1', port: node.port('smtp'), ignoreTLS: true }).sendMail({ from: 'x@remote.test', to: 'alice@example.test', subject: 'm', text: 'm' });
    const metrics = await get(port, '/metrics');
    expect(metrics.body).toMatch(/smtp_messages_total\{listener="mx",result="accepted"\} 1/);
    expect(metrics.body).toMatch(/delivery_duration_seconds_count 1/);
  });
});
