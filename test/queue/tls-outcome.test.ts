// RFC 8460 result types from the errors nodemailer and Node give, and the policy lines of a cached
// MTA-STS policy.
import { describe, expect, it } from 'vitest';
import { isTlsError, stsPolicyOf, tlsFailure } from '../../src/queue/tls-outcome.js';

describe('TLS outcomes for TLS-RPT', () => {
  it('maps failed negotiations to RFC 8460 result types', () => {
    const socket = (originalCode: string, message: string) => ({ code: 'ESOCKET', originalCode, message });
    expect(tlsFailure({ code: 'ETLS', message: 'Error upgrading connection with STARTTLS: 502 5.5.1 Unrecognized command' })).toEqual({ result: 'starttls-not-supported', reasonCode: 'starttls-refused' });
    expect(tlsFailure(socket('CERT_HAS_EXPIRED', 'certificate has expired')).result).toBe('certificate-expired');
    expect(tlsFailure(socket('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")).result).toBe('certificate-host-mismatch');
    expect(tlsFailure(socket('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'))).toEqual({ result: 'certificate-not-trusted', reasonCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(tlsFailure(socket('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate')).result).toBe('certificate-not-trusted');
    expect(tlsFailure({ code: 'ETLS', message: 'Error initiating TLS - wrong version number' })).toEqual({ result: 'validation-failure', reasonCode: 'Error initiating TLS - wrong version number' });
  });

  it('tells TLS errors from other connection errors', () => {
    expect(isTlsError({ code: 'ETLS' })).toBe(true);
    expect(isTlsError({ code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' })).toBe(true);
    expect(isTlsError({ code: 'ESOCKET', originalCode: 'ECONNRESET' })).toBe(false);
    expect(isTlsError({ code: 'EENVELOPE' })).toBe(false);
    expect(isTlsError(undefined)).toBe(false);
  });

  it('reads the policy type and lines of a cached MTA-STS policy', () => {
    expect(stsPolicyOf({ id: '1', mode: 'testing', mx: ['mx1.example.net', '*.example.net'], maxAge: 604800 })).toEqual({
      type: 'sts',
      lines: ['version: STSv1', 'mode: testing', 'mx: mx1.example.net', 'mx: *.example.net', 'max_age: 604800'],
      fetchError: false,
    });
    expect(stsPolicyOf(undefined)).toEqual({ type: 'no-policy-found', lines: [], fetchError: false });
    expect(stsPolicyOf({ id: false, mode: 'none' })).toEqual({ type: 'no-policy-found', lines: [], fetchError: false });
    // Announced by DNS (an id) but the HTTPS fetch failed.
    expect(stsPolicyOf({ id: '20241126', mode: 'none', error: new Error('ECONNREFUSED') })).toEqual({ type: 'sts', lines: [], fetchError: true });
  });
});
