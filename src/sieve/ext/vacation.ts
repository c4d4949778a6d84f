// vacation (RFC 5230) and :seconds (RFC 6131). The engine decides everything that depends only on
// the message and the environment: the period (clamped to the limits), the handle (computed from
// the arguments like Pigeonhole when not given), the reply subject, and whether RFC 5230 4.5-4.7
// says not to answer (null sender, lists, automatic mail, mail not addressed to the user, a
// response already sent within the period). The pipeline sends the response and records it.
import { getHeader } from '../../mime/index.js';
import { CONTINUE, type Runtime } from '../runtime.js';
import { decodeHeaderValue, parseAddresses, splitAddress } from '../message.js';
import type { CommandDef } from '../spec.js';
import { evalList, evalStr } from '../strings.js';
import { checkRedirectAddress, cleanAddress } from './core.js';

// RFC 5230 4.6: never answer these senders (lists, bounces, list managers).
const NO_REPLY_LOCAL = /^(mailer-daemon|listserv|majordomo|postmaster|owner-.*|.*-request|.*-owner|noreply|no-reply|.*-bounces?)$/i;

/** Why no response should go out, or null (RFC 5230 4.5, 4.6; RFC 3834). */
export function vacationSkip(rt: Runtime, myAddresses: string[]): string | null {
  const sender = rt.msg.envelope.from;
  if (!sender) return 'the envelope sender is null';
  const s = splitAddress(sender);
  if (NO_REPLY_LOCAL.test(s.local)) return `the sender ${sender} is a list or system address`;
  const mine = new Set(myAddresses.map((a) => cleanAddress(a).toLowerCase()));
  if (mine.has(cleanAddress(sender).toLowerCase())) return 'the sender is the user';
  const auto = rt.headerValues('auto-submitted')[0];
  if (auto !== undefined && auto.split(';')[0]!.trim().toLowerCase() !== 'no') return `the message is Auto-Submitted: ${auto}`;
  const prec = rt.headerValues('precedence')[0]?.toLowerCase();
  if (prec === 'bulk' || prec === 'list' || prec === 'junk') return `the message has Precedence: ${prec}`;
  for (const h of ['list-id', 'list-help', 'list-unsubscribe', 'list-subscribe', 'list-post', 'list-owner', 'list-archive']) {
    if (rt.headerValues(h).length) return `the message comes from a mailing list (${h})`;
  }
  // RFC 5230 4.5: answer only mail that names one of the user's addresses in a recipient header.
  let addressed = false;
  for (const h of ['to', 'cc', 'bcc', 'resent-to', 'resent-cc']) {
    for (const v of rt.rawHeaderValues(h)) {
      for (const a of parseAddresses(v)) if (mine.has(a.all.toLowerCase())) addressed = true;
    }
  }
  if (!addressed) return 'none of the user\'s addresses is in To, Cc or Bcc';
  return null;
}

export const vacationCommands: Record<string, CommandDef> = {
  vacation: {
    kind: 'command', ext: 'vacation',
    tags: {
      days: { value: 'number', group: 'period' },
      seconds: { value: 'number', group: 'period', ext: 'vacation-seconds' },
      subject: { value: 'string' },
      from: { value: 'string' },
      addresses: { value: 'strings' },
      mime: {},
      handle: { value: 'string' },
    },
    args: [{ name: 'reason', type: 'string' }],
    compile(ch, c) {
      const L = c.limits;
      const days = ch.tags.get('days');
      const secs = ch.tags.get('seconds');
      let seconds = L.vacationDefaultSeconds;
      const period = days ?? secs;
      if (period && period.type === 'number') {
        const asked = days ? period.value * 86_400 : period.value;
        seconds = Math.max(asked, L.vacationMinSeconds);
        if (L.vacationMaxSeconds > 0) seconds = Math.min(seconds, L.vacationMaxSeconds);
        if (asked < L.vacationMinSeconds) c.warn(period.pos, `vacation period below the minimum: ${L.vacationMinSeconds} seconds used`);
        else if (L.vacationMaxSeconds > 0 && asked > L.vacationMaxSeconds) c.warn(period.pos, `vacation period above the maximum: ${L.vacationMaxSeconds} seconds used`);
      }
      const subject = ch.tags.has('subject') ? c.str(ch.tags.get('subject')) : null;
      const from = ch.tags.has('from') ? c.str(ch.tags.get('from')) : null;
      if (typeof from === 'string') {
        const problem = checkRedirectAddress(from);
        if (problem) c.error(ch.tags.get('from')!.pos, `vacation :from "${from}" is invalid: ${problem}`);
      }
      const addresses = c.strings(ch.tags.get('addresses'));
      const mime = ch.tags.has('mime');
      const handle = ch.tags.has('handle') ? c.str(ch.tags.get('handle')) : null;
      const reason = c.str(ch.args[0]);
      // The default handle is made of the arguments as written (variables unexpanded), as
      // Pigeonhole does: the same vacation command keeps one handle whatever the message.
      const src = (a: typeof ch.args[0]) => (a && a.type === 'string' ? a.value : null);
      const defaultHandle = `${src(ch.args[0]) ?? ''}${src(ch.tags.get('subject')) ?? '<default-subject>'}${src(ch.tags.get('from')) ?? '<default-from>'}${mime ? '<MIME>' : '<NO-MIME>'}`;
      return (rt) => {
        const r = evalStr(rt, reason);
        const subj = subject === null ? null : evalStr(rt, subject);
        const fromV = from === null ? null : evalStr(rt, from);
        if (fromV !== null && checkRedirectAddress(fromV)) rt.fail(`vacation :from "${fromV}" is invalid`);
        const h = handle !== null ? evalStr(rt, handle) : defaultHandle;
        const extra = evalList(rt, addresses);
        const env = rt.msg.envelope;
        const mine = [env.recipient ?? env.to, env.to, ...(rt.env.userAddresses ?? []), ...extra].filter(Boolean);
        let skip = vacationSkip(rt, mine);
        const to = env.from;
        if (!skip && rt.env.vacationResponded) {
          const hook = rt.env.vacationResponded;
          if (rt.ask(`vacation:${h}:${to}`, () => hook(h, to))) skip = `${to} already had a response within ${seconds} seconds`;
        }
        const origSubject = getHeader(rt.headers, 'subject');
        const decoded = origSubject === null ? '' : decodeHeaderValue(origSubject);
        const mid = getHeader(rt.headers, 'message-id');
        rt.vacation({
          type: 'vacation',
          to,
          from: fromV === null ? null : fromV.trim(),
          subject: subj,
          replySubject: subj ?? (decoded ? `Auto: ${decoded}` : 'Automated reply'),
          reason: r,
          mime,
          handle: h,
          seconds,
          addresses: extra,
          inReplyTo: mid ? mid.trim() : null,
          skip,
        });
        if (rt.trace) rt.log(skip ? `vacation: no response (${skip})` : `vacation: respond to <${to}>`);
        return CONTINUE;
      };
    },
  },
};
