// A mailbox's Sieve scripts as users manage them, shared by ManageSieve, the JSON API and the CLI:
// every upload is compiled by the engine first (errors carry line:col), sizes and counts are
// limited by config (`sieveScripts`), and a domain that forbids redirect in raw scripts has it
// refused here. Failures carry a `reason` each front end maps to its own answer (ManageSieve
// response codes, HTTP statuses).
import { compile, formatDiagnostic, type CompileOptions, type SieveDiagnostic } from '../sieve/index.js';
import type { Db, Store } from '../store/db.js';
import type { Row, SieveRedirectPolicy } from '../store/schema.js';
import * as repo from '../store/sieve-scripts-repo.js';
import { globalScriptsIn } from './sieve-global.js';
import { findDomain, setDomainSieveRedirect } from '../store/domains-repo.js';
import { AppError, invalid, notFound, type ErrorKind } from '../util/errors.js';
import { normalizeDomain } from '../util/address.js';
import { requireMailbox } from './admin.js';

export interface ScriptLimits {
  /** Largest script in octets. */
  maxBytes: number;
  /** Scripts per mailbox. */
  maxPerMailbox: number;
  /** Folder of the global scripts `include :global` reads (src/delivery/sieve-global.ts); none when absent. */
  globalDir?: string;
}

export interface SieveScriptsContext {
  store: Store;
  limits: ScriptLimits;
  now?: () => number;
}

/** What a mailbox is for this module: its id and its domain (for the domain's redirect policy). */
export type ScriptOwner = Pick<Row<'mailboxes'>, 'id' | 'domain_id' | 'address'>;

/** Why an operation was refused; ManageSieve maps these to RFC 5804 response codes. */
export type ScriptFailure = 'nonexistent' | 'exists' | 'active' | 'maxsize' | 'maxscripts' | 'script' | 'name';

const KIND_OF: Record<ScriptFailure, ErrorKind> = {
  nonexistent: 'not_found',
  exists: 'conflict',
  active: 'conflict',
  maxsize: 'limit',
  maxscripts: 'limit',
  script: 'invalid',
  name: 'invalid',
};

export class SieveScriptError extends AppError {
  constructor(
    readonly reason: ScriptFailure,
    message: string,
    field: string,
    /** The validator's findings when reason is 'script'. */
    readonly diagnostics: SieveDiagnostic[] = [],
  ) {
    super(KIND_OF[reason], message, field);
  }
}

/** RFC 5804 1.6 doesn't cap names; 255 octets is plenty and keeps listings small. */
export const MAX_NAME_OCTETS = 255;
// RFC 5804 1.6: no control characters (C0, DEL, C1) and no line or paragraph separators.
const FORBIDDEN_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** A script name as stored: NFC (RFC 5804 1.6 asks clients for it; we normalise so "é" is one name). */
export function checkScriptName(name: string, field = 'name'): string {
  if (name === '') throw new SieveScriptError('name', `${field}: a script name must not be empty`, field);
  if (FORBIDDEN_NAME_CHARS.test(name)) throw new SieveScriptError('name', `${field}: a script name must not contain control characters`, field);
  const nfc = name.normalize('NFC');
  if (Buffer.byteLength(nfc, 'utf8') > MAX_NAME_OCTETS) throw new SieveScriptError('name', `${field}: a script name has at most ${MAX_NAME_OCTETS} octets`, field);
  return nfc;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Script bytes as text; RFC 5228 1.0: scripts are UTF-8, and the store keeps text. */
function scriptText(content: string | Buffer): string {
  if (typeof content === 'string') return content;
  try {
    return utf8.decode(content);
  } catch {
    throw new SieveScriptError('script', 'script: not valid UTF-8 (RFC 5228 scripts are UTF-8)', 'script');
  }
}

function checkSize(ctx: SieveScriptsContext, bytes: number): void {
  if (bytes > ctx.limits.maxBytes) {
    throw new SieveScriptError('maxsize', `script: ${bytes} octets is over the limit of ${ctx.limits.maxBytes}`, 'script');
  }
}

async function redirectPolicy(db: Db, domainId: number): Promise<SieveRedirectPolicy> {
  const d = await db.selectFrom('domains').select('sieve_redirect').where('id', '=', domainId).executeTakeFirst();
  return d?.sieve_redirect ?? 'allow';
}

/**
 * Engine options for a raw script of this mailbox: the domain's redirect policy, and its other
 * scripts for `include :personal` (RFC 6609), loaded only when the text mentions include because
 * the loader must answer synchronously.
 */
async function compileOptions(ctx: SieveScriptsContext, owner: ScriptOwner, text: string, name: string | null): Promise<CompileOptions> {
  const db = ctx.store.db;
  const opts: CompileOptions = { name: '' };
  if ((await redirectPolicy(db, owner.domain_id)) === 'forbid') opts.forbidCommands = ['redirect'];
  if (/include/i.test(text)) {
    const scripts = new Map((await repo.listScripts(db, owner.id)).map((s) => [s.name, s.content] as const));
    if (name !== null) scripts.set(name, text);
    const globals = ctx.limits.globalDir ? globalScriptsIn(ctx.limits.globalDir).snapshot() : null;
    opts.include = { load: (n, location) => (location === 'personal' ? scripts.get(n) ?? null : globals?.get(n) ?? null) };
  }
  return opts;
}

/** Compile; throws reason 'script' with every error as `line:col: message`. Returns the warnings. */
async function validate(ctx: SieveScriptsContext, owner: ScriptOwner, text: string, name: string | null): Promise<string[]> {
  const r = compile(text, await compileOptions(ctx, owner, text, name));
  if (r.errors) {
    throw new SieveScriptError('script', r.errors.map(formatDiagnostic).join('\n'), 'script', r.errors);
  }
  return r.warnings.map(formatDiagnostic);
}

export interface ScriptInfo {
  name: string;
  active: boolean;
  /** Written by the rule builder from its rules rather than uploaded. */
  managed: boolean;
  size: number;
  updatedAt: number;
}

const info = (s: repo.SieveScriptRow): ScriptInfo => ({
  name: s.name,
  active: !!s.active,
  managed: !!s.managed,
  size: Buffer.byteLength(s.content, 'utf8'),
  updatedAt: s.updated_at,
});

export async function listScripts(ctx: SieveScriptsContext, owner: ScriptOwner): Promise<ScriptInfo[]> {
  return (await repo.listScripts(ctx.store.db, owner.id)).map(info);
}

export async function getScript(ctx: SieveScriptsContext, owner: ScriptOwner, name: string): Promise<ScriptInfo & { content: string }> {
  const s = await repo.getScript(ctx.store.db, owner.id, checkScriptName(name));
  if (!s) throw new SieveScriptError('nonexistent', `script "${name}" not found`, 'name');
  return { ...info(s), content: s.content };
}

/** CHECKSCRIPT and the API's check: validate without storing. */
export async function checkScript(ctx: SieveScriptsContext, owner: ScriptOwner, content: string | Buffer): Promise<{ warnings: string[] }> {
  checkSize(ctx, typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length);
  return { warnings: await validate(ctx, owner, scriptText(content), null) };
}

/** HAVESPACE (RFC 5804 2.3): would a script of this name and size be accepted? */
export async function haveSpace(ctx: SieveScriptsContext, owner: ScriptOwner, name: string, size: number): Promise<void> {
  const n = checkScriptName(name);
  checkSize(ctx, size);
  await checkCount(ctx, ctx.store.db, owner, n);
}

async function checkCount(ctx: SieveScriptsContext, db: Db, owner: ScriptOwner, name: string): Promise<void> {
  if (await repo.getScript(db, owner.id, name)) return; // replacing one doesn't add one
  const { count } = await repo.scriptsSize(db, owner.id);
  if (count >= ctx.limits.maxPerMailbox) {
    throw new SieveScriptError('maxscripts', `name: ${owner.address} has ${count} scripts, the most allowed; delete one first`, 'name');
  }
}

/** The name of the script the rule builder writes from the rules (src/accounts/sieve-rules.ts). */
export const RULES_SCRIPT_NAME = 'mailcove-rules';

/** Raw scripts may not take the rule builder's name: the next save of the rules would overwrite them. */
function notReserved(name: string, field: string): string {
  if (name === RULES_SCRIPT_NAME) throw new SieveScriptError('exists', `${field}: "${name}" is the rule builder's script; choose another name`, field);
  return name;
}

/** PUTSCRIPT: create or replace (an active script stays active, RFC 5804 2.6). */
export async function putScript(ctx: SieveScriptsContext, owner: ScriptOwner, name: string, content: string | Buffer): Promise<{ name: string; warnings: string[]; created: boolean }> {
  const n = notReserved(checkScriptName(name), 'name');
  checkSize(ctx, typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length);
  const text = scriptText(content);
  await checkCount(ctx, ctx.store.db, owner, n);
  const warnings = await validate(ctx, owner, text, n);
  const created = !(await repo.getScript(ctx.store.db, owner.id, n));
  await repo.putScript(ctx.store, owner.id, n, text, (ctx.now ?? Date.now)());
  return { name: n, warnings, created };
}

/**
 * SETACTIVE: null (or "") deactivates. A raw script is compiled again first, so one uploaded
 * before its domain forbade redirect cannot be switched on with it (Pigeonhole also re-checks).
 */
export async function setActive(ctx: SieveScriptsContext, owner: ScriptOwner, name: string | null): Promise<{ active: string | null }> {
  if (name === null || name === '') {
    await repo.setActiveScript(ctx.store, owner.id, null);
    return { active: null };
  }
  const n = checkScriptName(name);
  const s = await repo.getScript(ctx.store.db, owner.id, n);
  if (!s) throw new SieveScriptError('nonexistent', `script "${n}" not found`, 'name');
  if (!s.managed) await validate(ctx, owner, s.content, n);
  if (!(await repo.setActiveScript(ctx.store, owner.id, n))) throw new SieveScriptError('nonexistent', `script "${n}" not found`, 'name');
  return { active: n };
}

export async function deleteScript(ctx: SieveScriptsContext, owner: ScriptOwner, name: string): Promise<{ deleted: string }> {
  const n = checkScriptName(name);
  const r = await repo.deleteScript(ctx.store, owner.id, n);
  if (r === 'missing') throw new SieveScriptError('nonexistent', `script "${n}" not found`, 'name');
  if (r === 'active') throw new SieveScriptError('active', `name: "${n}" is the active script; deactivate it first`, 'name');
  return { deleted: n };
}

export async function renameScript(ctx: SieveScriptsContext, owner: ScriptOwner, from: string, to: string): Promise<{ from: string; to: string }> {
  const a = checkScriptName(from, 'name');
  const b = notReserved(checkScriptName(to, 'newName'), 'newName');
  const r = await repo.renameScript(ctx.store, owner.id, a, b, (ctx.now ?? Date.now)());
  if (r === 'missing') throw new SieveScriptError('nonexistent', `script "${a}" not found`, 'name');
  if (r === 'exists') throw new SieveScriptError('exists', `newName: a script named "${b}" already exists`, 'newName');
  return { from: a, to: b };
}

/** The API and the CLI name a mailbox by address. */
export const scriptOwner = (db: Db, address: string): Promise<ScriptOwner> => requireMailbox(db, address, 'mailbox');

// ---- the domain's policy (issue 5: redirect "can be forbidden per domain")

export const REDIRECT_POLICIES: readonly SieveRedirectPolicy[] = ['allow', 'forbid'];

export async function getDomainSieveRedirect(store: Store, domain: string): Promise<{ domain: string; redirect: SieveRedirectPolicy }> {
  const ascii = normalizeDomain(domain ?? '');
  if (!ascii) throw invalid('domain', `domain: "${domain}" is not a valid domain name`);
  const d = await findDomain(store.db, ascii);
  if (!d) throw notFound(`domain ${ascii}`, 'domain');
  return { domain: ascii, redirect: d.sieve_redirect };
}

export async function setDomainSieveRedirectPolicy(store: Store, domain: string, policy: string): Promise<{ domain: string; redirect: SieveRedirectPolicy }> {
  if (!(REDIRECT_POLICIES as readonly string[]).includes(policy)) throw invalid('redirect', `redirect: "${policy}" is not one of ${REDIRECT_POLICIES.join(', ')}`);
  const ascii = normalizeDomain(domain ?? '');
  if (!ascii) throw invalid('domain', `domain: "${domain}" is not a valid domain name`);
  return store.tx(async (trx) => {
    const d = await findDomain(trx, ascii);
    if (!d) throw notFound(`domain ${ascii}`, 'domain');
    await setDomainSieveRedirect(trx, d.id, policy as SieveRedirectPolicy);
    return { domain: ascii, redirect: policy as SieveRedirectPolicy };
  });
}
