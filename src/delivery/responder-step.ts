// The out-of-office responder at delivery (issue 7): AFTER_USER_SCRIPT's rule. The mailbox's
// active responder becomes a Sieve script (src/responder/sieve.ts), generated for this delivery
// (so alias changes count at once, the text caches its compilation) and run by the engine on its
// own, after the user's script; only its vacation action is performed, by the same code as a
// user's vacation (null sender, threaded, DKIM-signed when queued, counted toward the sending
// limit, remembered per handle and sender).
//
// The rule on filters: the user's `stop` does not silence the responder (it is a separate script;
// the seed's provider answers whatever the filters did, and a rule-builder script often ends
// with stop). What the user's script refused (reject) or threw away (discard, or redirected
// without keeping a copy) is not answered: nothing of it stays in the mailbox, and an answer
// would tell the sender the address is read.
import { note, type DeliveryContext, type DeliveryDeps, type Placement } from './context.js';
import { copyEnv, copyMessage, folderNameOf, vacation } from './sieve-step.js';
import { mailboxSettings } from './mailbox-settings.js';
import { compile, runAsync, type CompiledScript } from '../sieve/index.js';
import { CATCH_ALL_ITEM, responderScript, SPAM_ITEM } from '../responder/sieve.js';
import { parseStoredSettings, zoneOffsetMinutes } from '../responder/settings.js';

const STAGE = 'responder';
const CACHE_MAX = 500;
const compiled = new Map<string, CompiledScript | string>();

/** Compiles once per text (a responder's text changes only when it is edited or reset). */
function compiledScript(text: string): CompiledScript | string {
  const known = compiled.get(text);
  if (known !== undefined) return known;
  const r = compile(text, { name: 'responder' });
  const value = r.script ?? `${r.errors[0]?.line}:${r.errors[0]?.col} ${r.errors[0]?.message}`;
  if (compiled.size >= CACHE_MAX) compiled.delete(compiled.keys().next().value!);
  compiled.set(text, value);
  return value;
}

// A function declaration (hoisted): sieve-step.ts lists it in AFTER_USER_SCRIPT while this module imports sieve-step.ts.
export async function responderRule(ctx: DeliveryContext, deps: DeliveryDeps, p: Placement): Promise<void> {
  if (p.copy !== 'delivered') return;
  const mailbox = await mailboxSettings(ctx, deps, p.mailbox);
  const r = mailbox.responder;
  if (!r) return;
  const who = p.mailbox.address;
  const say = (text: string) => note(ctx, STAGE, `${who}: ${text}`);
  const copies = ctx.placements.filter((c) => c.mailbox.id === p.mailbox.id && c.copy === 'delivered');
  if (copies.length === 0) return say(`"${r.name}": no response (the mailbox's script kept no copy)`);

  const addresses = [...mailbox.addresses];
  const spamFolder = mailbox.folders.get('junk');
  const inSpam = copies.some((c) => (c.folder ?? (c.folderRole === 'junk' ? spamFolder : null)) === spamFolder && spamFolder !== undefined);
  const spam = !!ctx.spam?.isSpam || inSpam;
  // The catch-all answers nobody for an address that does not exist (it would confirm guesses).
  const catchAll = p.mailbox.kind === 'catchall' && !addresses.includes(p.rcpt.toLowerCase());

  const settings = parseStoredSettings(r.settings);
  // The From is used only while it is the mailbox's or verified; otherwise the mailbox's own.
  let from: string | null = null;
  if (settings.from) {
    const ok = addresses.includes(settings.from) || mailbox.verifiedFroms.has(settings.from);
    if (ok) from = settings.from;
    else say(`"${r.name}": From ${settings.from} is not verified, the mailbox's address is used`);
  }
  const zone = p.mailbox.time_zone ?? 'UTC';
  const text = responderScript({ id: r.id, name: r.name, generation: r.generation, settings, mailbox: who, addresses, from, timeZone: zone });
  const script = compiledScript(text);
  if (typeof script === 'string') return say(`"${r.name}": generated script does not compile (${script}), no response`);

  const now = deps.now();
  const env = await copyEnv(ctx, deps, p, await folderNameOf(ctx, deps, copies[0]!), now);
  env.environment = { ...env.environment, [SPAM_ITEM]: spam ? 'yes' : 'no', [CATCH_ALL_ITEM]: catchAll ? 'yes' : 'no' };
  env.zoneOffsetMinutes = zoneOffsetMinutes(zone, now);
  const result = await runAsync(script, copyMessage(ctx, p), env);
  if (result.errors.length) return say(`"${r.name}": error ${result.errors[0]!.message}, no response`);
  const a = result.actions.find((x) => x.type === 'vacation');
  if (!a || a.type !== 'vacation') {
    const why = spam ? 'spam' : catchAll ? 'reached the catch-all for an unknown address' : 'not in To or Cc, outside the schedule, or excluded';
    return say(`"${r.name}": no response (${why})`);
  }
  await vacation(ctx, deps, p, a, now, STAGE);
}
