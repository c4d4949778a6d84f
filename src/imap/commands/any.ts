// Commands valid in any state, and the small ones of the authenticated state: CAPABILITY, NOOP,
// CHECK, LOGOUT, ID (RFC 2971), ENABLE (RFC 5161), NAMESPACE (RFC 2342), IDLE (RFC 2177), STARTTLS,
// COMPRESS (RFC 4978).
import { response } from '../protocol/index.js';
import { ENABLE_EXTENSIONS } from '../protocol/capabilities.js';
import { type Handler, bad, no, ok } from './types.js';

export const capability: Handler<'CAPABILITY'> = async (s) => {
  s.write(response.capability(s.capabilities()));
  return ok('CAPABILITY completed');
};

/** NOOP and CHECK (RFC 9051 6.1.2; CHECK is NOOP here: every change is committed already). */
export const noop: Handler<'NOOP' | 'CHECK'> = async (_s, cmd) => ok(`${cmd.name} completed`);

export const logout: Handler<'LOGOUT'> = async (s) => {
  s.write(response.bye('Mailcove logging out'));
  s.logout();
  return ok('LOGOUT completed');
};

/** RFC 2971: the client's parameters are only logged. */
export const id: Handler<'ID'> = async (s, cmd) => {
  if (cmd.params) s.deps.log.debug({ ip: s.ip, id: Object.fromEntries(cmd.params) }, 'imap client id');
  s.write(response.id([['name', 'Mailcove'], ['vendor', 'Mailcove']]));
  return ok('ID completed');
};

/** RFC 5161 3.1: `* ENABLED` lists only what this command enabled; unknown names are ignored. */
export const enable: Handler<'ENABLE'> = async (s, cmd) => {
  const done: string[] = [];
  for (const raw of cmd.capabilities) {
    const name = (ENABLE_EXTENSIONS as readonly string[]).find((c) => c.toUpperCase() === raw.toUpperCase());
    if (!name || done.includes(name)) continue;
    if (name === 'CONDSTORE') s.condstore = true;
    if (name === 'QRESYNC') {
      // RFC 7162 3.2.3: QRESYNC implies CONDSTORE.
      s.qresync = true;
      s.condstore = true;
    }
    if (name === 'UTF8=ACCEPT') s.utf8 = true;
    if (name === 'IMAP4rev2') {
      s.rev2 = true;
      s.utf8 = true; // RFC 9051 5.1: mailbox names are UTF-8
    }
    done.push(name);
  }
  s.write(response.enabled(done));
  return ok('ENABLE completed');
};

/** RFC 2342: one personal namespace, no other users' or shared ones. */
export const namespace: Handler<'NAMESPACE'> = async (s) => {
  s.write(response.namespace([{ prefix: '', delimiter: '/' }], null, null, { utf8: s.utf8 }));
  return ok('NAMESPACE completed');
};

export const idle: Handler<'IDLE'> = async (s, cmd) => {
  s.beginIdle(cmd.tag);
  return null;
};

export const starttls: Handler<'STARTTLS'> = async (s, cmd) => {
  if (s.tls) throw no('TLS is already on');
  s.startTls(cmd.tag);
  return null;
};

/** RFC 4978 3: DEFLATE only, once per connection (NO [COMPRESSIONACTIVE] the second time). */
export const compress: Handler<'COMPRESS'> = async (s, cmd) => {
  if (s.compressionActive) throw no('Compression is already active', 'COMPRESSIONACTIVE');
  if (cmd.mechanism.toUpperCase() !== 'DEFLATE') throw bad(`Unknown compression mechanism ${cmd.mechanism}`);
  s.startCompression(cmd.tag);
  return null;
};

/** RFC 9208 4.3 lets a server refuse SETQUOTA: a mailbox's quota is the administrator's to set. */
export const setquota: Handler<'SETQUOTA'> = async () => {
  throw no('Quotas are set by the administrator (mailcove mailbox quota)', 'NOPERM');
};
