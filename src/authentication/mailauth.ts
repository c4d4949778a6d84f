// The one door to mailauth: its relaxed canonicalization is fixed first (./mailauth-patch.ts).
import './mailauth-patch.js';

export { arc, authenticate, dkimSign, dkimVerify, dmarc, sealMessage, spf } from 'mailauth';
export type { DNSResolver } from 'mailauth';
