// THE SEAM between the DNS check and DKIM key storage.
//
// The check compares what DNS publishes with the DKIM keys Mailcove signs with. Key storage is
// being written in another branch (issue 4, DKIM signing); until it is merged this returns no
// keys, and the DKIM check reports "no DKIM keys configured for this domain in Mailcove".
//
// To connect it: return every key the domain signs with or still publishes during a rotation's
// grace period, each as { selector, publicKey (the base64 p= value: SubjectPublicKeyInfo DER for
// RSA, the raw 32-byte key for Ed25519), algorithm }. Nothing else in src/dns-check changes.
import type { Store } from '../store/db.js';
import type { ExpectedDkimRecord } from './types.js';

export async function expectedDkimRecords(_store: Store, _domain: string): Promise<ExpectedDkimRecord[]> {
  return [];
}
