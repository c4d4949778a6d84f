/**
 * An HTTPS server answering https://mta-sts.<domain>/.well-known/mta-sts.txt on loopback, for
 * tests of the MTA-STS policy fetch.
 *
 * The fetch is mailauth's (the one the outbound queue uses): it connects to port 443 of the
 * address mta-sts.<domain> resolves to, and verifies the certificate against the default CAs.
 * Neither can be injected, so this server listens on port 443 of a random 127/8 address (point
 * the test zone's mta-sts.<domain> A record at `address`), which needs root or
 * CAP_NET_BIND_SERVICE; `startPolicyServer` answers `{ unavailable: reason }` otherwise.
 * To trust its self-signed certificate: `https.globalAgent.options.ca = [certPem]` in-process
 * (agent options override the request's), or NODE_EXTRA_CA_CERTS=<file> in a child process.
 *
 *   const s = await startPolicyServer({ certNames: ['mta-sts.example.test'] });
 *   s.policies.set('mta-sts.example.test', 'version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 604800');
 *   s.policies.set('mta-sts.gone.test', { status: 404 });
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from '../../src/tls/self-signed.js';

export type PolicyAnswer = string | { status: number; body?: string };

export interface PolicyServer {
  /** The loopback address listening on port 443. */
  address: string;
  certPem: string;
  /** By Host header (mta-sts.<domain>); a host without an entry gets 404. */
  policies: Map<string, PolicyAnswer>;
  /** Every request as `host path`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startPolicyServer(opts: { certNames: string[] }): Promise<PolicyServer | { unavailable: string }> {
  const pair = createSelfSignedCertificate({ hostnames: opts.certNames });
  const policies = new Map<string, PolicyAnswer>();
  const requests: string[] = [];
  const server = https.createServer({ cert: pair.certPem, key: pair.keyPem }, (req, res) => {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    requests.push(`${host} ${req.url}`);
    const answer = req.url === '/.well-known/mta-sts.txt' ? policies.get(host) : undefined;
    if (answer === undefined) {
      res.writeHead(404).end('not found');
    } else if (typeof answer === 'string') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(answer);
    } else {
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
    }
  });
  for (let attempt = 0; attempt < 10; attempt++) {
    const address = `127.${50 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(443, address, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return {
        address: (server.address() as AddressInfo).address,
        certPem: pair.certPem,
        policies,
        requests,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') continue;
      return { unavailable: `cannot listen on port 443 of a loopback address (${code}): run as root or with CAP_NET_BIND_SERVICE` };
    }
  }
  return { unavailable: 'no free loopback address for port 443' };
}
