// What the DNS check expects to find under <selector>._domainkey: every DKIM key the domain signs
// with, and those a rotation keeps published for its grace period (src/dkim/domain-keys.ts).
import type { Store } from '../store/db.js';
import { dkimReport } from '../dkim/domain-keys.js';
import type { ExpectedDkimRecord } from './types.js';

export async function expectedDkimRecords(store: Store, domain: string, now = Date.now()): Promise<ExpectedDkimRecord[]> {
  // dkimReport makes the keys of a domain from before DKIM signing, as the records command does.
  const report = await dkimReport(store, domain, now);
  return report.keys
    .filter((k) => k.published)
    .map((k) => ({ selector: k.selector, algorithm: k.algorithm, publicKey: k.publicKey }));
}
