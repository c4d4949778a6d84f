// Stage 2, parse: MIME structure, ENVELOPE, BODYSTRUCTURE and searchable text, computed once.
// Line ends normalised to CRLF. Also the hop count: a message that has passed too many servers is in a loop (RFC 5321 6.3).
import { parseMessage, toCrlf } from '../../mime/index.js';
import { SmtpReplyError } from '../../util/errors.js';
import { note, type DeliveryContext, type DeliveryDeps } from '../context.js';

export async function parseStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  // IMAP serves CRLF lines and counts sizes in them: bare LF or CR become CRLF once, here.
  const normalized = toCrlf(ctx.raw);
  if (normalized !== ctx.raw) note(ctx, 'parse', 'bare LF/CR line ends converted to CRLF');
  ctx.raw = normalized;
  ctx.parsed = parseMessage(ctx.raw);
  const p = ctx.parsed;
  const hops = p.headers.filter((h: { name: string }) => h.name.toLowerCase() === 'received').length;
  note(ctx, 'parse', `${ctx.raw.length} bytes, ${hops} Received, Message-ID ${p.messageId ?? '(none)'}`, p.problems.length ? { problems: p.problems } : undefined);
  if (hops > deps.config.smtp.maxReceivedHeaders) {
    throw new SmtpReplyError(554, '5.4.6', `Too many hops (${hops} Received headers): mail loop?`);
  }
}
