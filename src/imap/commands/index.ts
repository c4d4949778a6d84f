// The command table: which handler answers which command. A command the parser knows but no
// handler serves answers BAD (session.ts); the unimplemented ones answer NO (any.ts).
import type { CommandName } from '../protocol/ast.js';
import { append } from './append.js';
import { authenticate, login } from './auth.js';
import { capability, compress, enable, id, idle, logout, namespace, noop, setquota, starttls } from './any.js';
import { copy } from './copy.js';
import { fetch } from './fetch.js';
import { create, del, rename, subscribe } from './folders.js';
import { list, lsub } from './list.js';
import { getquota, getquotaroot } from './quota.js';
import { search } from './search.js';
import { close, expunge, select } from './select.js';
import { sort, thread } from './sort.js';
import { status } from './status.js';
import { store } from './store.js';
import type { Handler } from './types.js';

export const HANDLERS: { [N in CommandName]: Handler<N> } = {
  CAPABILITY: capability,
  NOOP: noop,
  CHECK: noop,
  LOGOUT: logout,
  ID: id,
  STARTTLS: starttls,
  LOGIN: login,
  AUTHENTICATE: authenticate,
  ENABLE: enable,
  NAMESPACE: namespace,
  IDLE: idle,
  SELECT: select,
  EXAMINE: select,
  CREATE: create,
  DELETE: del,
  RENAME: rename,
  SUBSCRIBE: subscribe,
  UNSUBSCRIBE: subscribe,
  LIST: list,
  LSUB: lsub,
  STATUS: status,
  APPEND: append,
  CLOSE: close,
  UNSELECT: close,
  EXPUNGE: expunge,
  SEARCH: search,
  FETCH: fetch,
  STORE: store,
  COPY: copy,
  MOVE: copy,
  GETQUOTA: getquota,
  GETQUOTAROOT: getquotaroot,
  SETQUOTA: setquota,
  SORT: sort,
  THREAD: thread,
  COMPRESS: compress,
};
