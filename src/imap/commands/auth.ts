// LOGIN and AUTHENTICATE PLAIN / LOGIN (RFC 9051 6.2.2, 6.2.3; SASL-IR RFC 4959): a mailbox address
// and one of its device passwords, through the same rate limiter as SMTP AUTH. Refused before TLS
// (LOGINDISABLED). Failures: NO [AUTHENTICATIONFAILED]; a locked account or IP: NO [UNAVAILABLE].
import { mailboxLogin } from '../../accounts/mailbox-login.js';
import { parseAuthenticateResponse } from '../protocol/index.js';
import type { Session } from '../session.js';
import { type Done, type Handler, bad, no, ok } from './types.js';

async function check(s: Session, username: string, password: string): Promise<Done> {
  const r = await mailboxLogin(s.deps.store, s.opts.authLimiter, username, password, s.ip);
  if (!r.ok) {
    if (r.reason === 'locked') return { status: 'NO', text: `Too many failed logins, try again in ${Math.ceil(r.retryAfterMs / 60_000)} min`, code: 'UNAVAILABLE' };
    return { status: 'NO', text: 'Invalid credentials', code: 'AUTHENTICATIONFAILED' };
  }
  s.loggedIn(r.mailbox);
  return ok('Logged in', { code: 'CAPABILITY', capabilities: s.capabilities() });
}

function requireTls(s: Session): void {
  if (!s.tls) throw no('Log in after STARTTLS (LOGINDISABLED)', 'PRIVACYREQUIRED');
}

export const login: Handler<'LOGIN'> = async (s, cmd) => {
  requireTls(s);
  return check(s, cmd.username, cmd.password);
};

/** RFC 4616: authzid NUL authcid NUL passwd; an authzid other than the user is refused. */
function plain(s: Session, data: Buffer): Promise<Done> {
  const parts = data.toString('utf8').split('\0');
  if (parts.length !== 3) throw bad('Invalid PLAIN response');
  const [authz, user, pass] = parts as [string, string, string];
  if (authz && authz.toLowerCase() !== user.toLowerCase()) return Promise.resolve({ status: 'NO', text: 'Acting as another user is not allowed', code: 'AUTHORIZATIONFAILED' });
  return check(s, user, pass);
}

function clientData(line: Buffer): Buffer {
  const r = parseAuthenticateResponse(line);
  if (r.cancel) throw bad('AUTHENTICATE cancelled');
  return r.data;
}

export const authenticate: Handler<'AUTHENTICATE'> = async (s, cmd) => {
  requireTls(s);
  const mech = cmd.mechanism.toUpperCase();
  if (mech === 'PLAIN') {
    if (cmd.initialResponse) return plain(s, cmd.initialResponse);
    s.beginAuth(cmd.tag, '', (line) => plain(s, clientData(line)));
    return null;
  }
  if (mech === 'LOGIN') {
    let user: string | null = cmd.initialResponse ? cmd.initialResponse.toString('utf8') : null;
    const askPassword = () => {
      s.beginAuth(cmd.tag, Buffer.from('Password:').toString('base64'), (line) => check(s, user!, clientData(line).toString('utf8')));
    };
    if (user !== null) {
      askPassword();
      return null;
    }
    s.beginAuth(cmd.tag, Buffer.from('Username:').toString('base64'), async (line) => {
      user = clientData(line).toString('utf8');
      askPassword();
      return null;
    });
    return null;
  }
  throw no(`Unsupported mechanism ${mech}`, 'CANNOT');
};
