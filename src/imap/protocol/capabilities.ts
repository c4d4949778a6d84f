// The CAPABILITY list, in one place, each entry with the RFC that defines it.
//
// What a client sees depends on the session's state (RFC 9051 6.1.1, 6.2.3):
// - before TLS on 143: STARTTLS and LOGINDISABLED, no AUTH= (credentials never travel in clear);
// - with TLS, not logged in: AUTH=PLAIN AUTH=LOGIN and SASL-IR;
// - logged in: everything else (and no STARTTLS, AUTH=, LOGINDISABLED, SASL-IR).
// A server announces it again after STARTTLS and after login (RFC 9051 6.2.1, 6.2.2).

/** When an entry is announced. */
type Phase =
  | 'always'
  | 'plaintext' // not logged in, no TLS yet
  | 'tls-login' // not logged in, TLS on
  | 'authenticated';

const TABLE: ReadonlyArray<readonly [string, Phase]> = [
  ['IMAP4rev1', 'always'], // RFC 3501
  ['IMAP4rev2', 'always'], // RFC 9051
  ['LITERAL+', 'always'], // RFC 7888 (or LITERAL-, following ImapLimits.literalMode: one of the two)
  ['ID', 'always'], // RFC 2971: clients send ID before login
  ['STARTTLS', 'plaintext'], // RFC 9051 6.2.1
  ['LOGINDISABLED', 'plaintext'], // RFC 9051 6.2.3
  ['SASL-IR', 'tls-login'], // RFC 4959
  ['AUTH=PLAIN', 'tls-login'], // RFC 4616, RFC 9051 6.2.2
  ['AUTH=LOGIN', 'tls-login'], // draft-murchison-sasl-login (Outlook, older clients)
  ['IDLE', 'authenticated'], // RFC 2177
  ['NAMESPACE', 'authenticated'], // RFC 2342
  ['UIDPLUS', 'authenticated'], // RFC 4315
  ['MOVE', 'authenticated'], // RFC 6851
  ['ENABLE', 'authenticated'], // RFC 5161
  ['UNSELECT', 'authenticated'], // RFC 3691
  ['SPECIAL-USE', 'authenticated'], // RFC 6154
  ['CREATE-SPECIAL-USE', 'authenticated'], // RFC 6154 3
  ['CONDSTORE', 'authenticated'], // RFC 7162
  ['QRESYNC', 'authenticated'], // RFC 7162
  ['ESEARCH', 'authenticated'], // RFC 4731
  ['SEARCHRES', 'authenticated'], // RFC 5182
  ['WITHIN', 'authenticated'], // RFC 5032
  ['LIST-EXTENDED', 'authenticated'], // RFC 5258
  ['LIST-STATUS', 'authenticated'], // RFC 5819
  ['STATUS=SIZE', 'authenticated'], // RFC 8438
  ['QUOTA', 'authenticated'], // RFC 9208
  ['QUOTA=RES-STORAGE', 'authenticated'], // RFC 9208 5.1
  ['BINARY', 'authenticated'], // RFC 3516
  ['APPENDLIMIT', 'authenticated'], // RFC 7889 (written APPENDLIMIT=<octets>)
  ['SORT', 'authenticated'], // RFC 5256
  ['THREAD=ORDEREDSUBJECT', 'authenticated'], // RFC 5256
  ['THREAD=REFERENCES', 'authenticated'], // RFC 5256
  ['COMPRESS=DEFLATE', 'authenticated'], // RFC 4978 (after login: no compressed credentials)
  ['UTF8=ACCEPT', 'authenticated'], // RFC 6855
  ['OBJECTID', 'authenticated'], // RFC 8474
];

/** Capabilities a client may ENABLE (RFC 5161 4; RFC 9051 6.3.1 for IMAP4rev2). */
export const ENABLE_EXTENSIONS = ['CONDSTORE', 'QRESYNC', 'UTF8=ACCEPT', 'IMAP4rev2'] as const;

export interface CapabilityState {
  /** TLS is on (port 993, or after STARTTLS). */
  tls: boolean;
  authenticated: boolean;
  /** Which non-synchronising literal extension the reader enforces (ImapLimits.literalMode). */
  literalMode?: 'LITERAL+' | 'LITERAL-';
  /** APPENDLIMIT value in octets (ImapLimits.maxLiteralSize); without it, bare APPENDLIMIT. */
  appendLimit?: number;
  /** COMPRESS=DEFLATE is on already: don't offer it again (RFC 4978 3). */
  compressionActive?: boolean;
}

/** The CAPABILITY list for a session state, in the order of the table. */
export function capabilitiesFor(state: CapabilityState): string[] {
  const out: string[] = [];
  for (const [name, phase] of TABLE) {
    const shown =
      phase === 'always' ||
      (phase === 'plaintext' && !state.authenticated && !state.tls) ||
      (phase === 'tls-login' && !state.authenticated && state.tls) ||
      (phase === 'authenticated' && state.authenticated);
    if (!shown) continue;
    if (name === 'LITERAL+') out.push(state.literalMode ?? 'LITERAL+');
    else if (name === 'APPENDLIMIT') out.push(state.appendLimit ? `APPENDLIMIT=${state.appendLimit}` : 'APPENDLIMIT');
    else if (name === 'COMPRESS=DEFLATE' && state.compressionActive) continue;
    else out.push(name);
  }
  return out;
}

/** Every capability name we may announce (for tests and the docs). */
export const ALL_CAPABILITIES: readonly string[] = TABLE.map(([name]) => name);
