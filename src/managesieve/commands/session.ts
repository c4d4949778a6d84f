// Commands about the connection itself: CAPABILITY, NOOP, LOGOUT, STARTTLS, AUTHENTICATE,
// UNAUTHENTICATE (RFC 5804 2.1, 2.2, 2.3-2.4, 2.14.1, 2.15).
//
// AUTHENTICATE takes the mailbox address and one of its device passwords through the same login
// path as IMAP and SMTP (mailboxLogin: the shared rate limiter, last use recorded). Refused before
// TLS with ENCRYPT-NEEDED; a locked account or IP gets TRYLATER.
import { mailboxLogin } from '../../accounts/mailbox-login.js';
import { response } from '../protocol/index.js';
import type { Answer, Session } from '../session.js';
import type { CommandDef } from './types.js';

async function check(s: Session, username: string, password: string): Promise<Answer> {
  const r = await mailboxLogin(s.deps.store, s.opts.authLimiter, username, password, s.ip);
  if (!r.ok) {
    if (r.reason === 'locked') return response.no(`Too many failed logins, try again in ${Math.ceil(r.retryAfterMs / 60_000)} min`, 'TRYLATER');
    if (++s.authFailures >= s.maxAuthFailures) {
      s.bye('Too many failed logins');
      return null;
    }
    return response.no('Authentication failed');
  }
  s.loggedIn(r.mailbox);
  return response.ok('Logged in');
}

/** RFC 4616: authzid NUL authcid NUL passwd; acting as someone else is refused. */
function plain(s: Session, data: Buffer): Promise<Answer> {
  const parts = data.toString('utf8').split('\0');
  if (parts.length !== 3) return Promise.resolve(response.no('Invalid PLAIN response'));
  const [authz, user, pass] = parts as [string, string, string];
  if (authz && authz.toLowerCase() !== user.toLowerCase()) return Promise.resolve(response.no('Acting as another user is not allowed'));
  return check(s, user, pass);
}

export const authenticate: CommandDef<'AUTHENTICATE'> = {
  states: ['anonymous'],
  async run(s, cmd) {
    if (!s.tls) return response.no('Use STARTTLS first: no password travels in the clear', 'ENCRYPT-NEEDED');
    if (cmd.mechanism === 'PLAIN') {
      if (cmd.initialResponse) return plain(s, cmd.initialResponse);
      return s.challenge(Buffer.alloc(0), (data) => plain(s, data));
    }
    if (cmd.mechanism === 'LOGIN') {
      // draft-murchison-sasl-login: "Username:", "Password:"; an initial response is the user name.
      const askPassword = (user: string) => s.challenge(Buffer.from('Password:'), (pass) => check(s, user, pass.toString('utf8')));
      if (cmd.initialResponse) return askPassword(cmd.initialResponse.toString('utf8'));
      return s.challenge(Buffer.from('Username:'), async (user) => askPassword(user.toString('utf8')));
    }
    return response.no(`Unsupported SASL mechanism ${cmd.mechanism.slice(0, 40)}`);
  },
};

export const starttls: CommandDef<'STARTTLS'> = {
  states: ['anonymous'],
  async run(s) {
    if (s.tls) return response.no('TLS is already active');
    s.startTls();
    return null;
  },
};

export const capability: CommandDef<'CAPABILITY'> = {
  states: ['anonymous', 'authenticated'],
  run: async (s) => Buffer.concat([s.capabilities(), response.ok('Capability completed')]),
};

export const noop: CommandDef<'NOOP'> = {
  states: ['anonymous', 'authenticated'],
  // RFC 5804 2.15: the tag comes back in a TAG response code.
  run: async (_s, cmd) => (cmd.tag ? response.ok('Done', { tag: cmd.tag }) : response.ok('Done')),
};

export const logout: CommandDef<'LOGOUT'> = {
  states: ['anonymous', 'authenticated'],
  async run(s) {
    s.write(response.ok('Logout completed'));
    s.end();
    return null;
  },
};

export const unauthenticate: CommandDef<'UNAUTHENTICATE'> = {
  states: ['authenticated'],
  async run(s) {
    s.loggedOut();
    return response.ok('Unauthenticated');
  },
};
