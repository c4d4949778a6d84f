// Stage 7, commit: write the bytes once per distinct copy (fsynced), then in ONE transaction (which
// group commit may share with deliveries committing at the same moment) store
// every placement, queue outbound recipients, count the send and keep the trace. Events go out
// after the commit, and only then does the front end answer 250.
import { parseMessage, type ParsedMessage } from '../../mime/index.js';
import type { BlobRef } from '../../blobs/blob-store.js';
import { addBlobRefs } from '../../store/blobs-repo.js';
import { addUsedBytes } from '../../store/domains-repo.js';
import { folderByName, folderByRole } from '../../store/folders-repo.js';
import { insertMessage } from '../../store/messages-repo.js';
import { messageRow } from '../../mailbox/messages.js';
import { insertQueueMessage } from '../../store/queue-repo.js';
import { recordSend } from '../../store/send-log-repo.js';
import { insertDelivery } from '../../store/deliveries-repo.js';
import type { MailEvent } from '../../events/bus.js';
import { SmtpReplyError } from '../../util/errors.js';
import { newId } from '../../util/ids.js';
import { signOutbound } from '../../dkim/outbound.js';
import { deliveryRecord, note, type DeliveryContext, type DeliveryDeps, type Placement } from '../context.js';
import { headerBlockEnd, receivedHeader, returnPathHeader, stripHeader, withBlindRecipients } from '../headers.js';
import { prepareRedirect } from '../redirect.js';

interface StoredCopy { ref: BlobRef; parsed: ParsedMessage; text: string }

export async function commitStage(ctx: DeliveryContext, deps: DeliveryDeps): Promise<void> {
  const received = Buffer.from(receivedHeader(ctx, deps.config.hostname));
  // RFC 5322 3.6.3: Bcc never travels; our own Sent copy keeps it so the sender can see it.
  const delivered = ctx.source === 'submission' ? stripHeader(ctx.raw, 'bcc') : ctx.raw;

  const copies = new Map<Placement['copy'] | 'outbound' | 'forward', StoredCopy>();
  const edited = new Map<Placement, StoredCopy>();
  // Before any bytes are written: sealing may fail, and then nothing is half stored.
  const redirected = ctx.forwards?.length ? await prepareRedirect(ctx, deps, Buffer.concat([received, delivered])) : null;
  try {
    if (ctx.placements.some((p) => p.copy === 'delivered' && !p.headers)) {
      copies.set('delivered', await storeCopy(deps, ctx, [Buffer.from(returnPathHeader(ctx.mailFrom)), received, delivered]));
    }
    // Copies a Sieve script edited (editheader) carry their own header block, so their own bytes.
    for (const p of ctx.placements) {
      if (p.headers && p.copy === 'delivered') edited.set(p, await storeCopy(deps, ctx, [Buffer.from(returnPathHeader(ctx.mailFrom)), received, p.headers, bodyOf(delivered)]));
    }
    if (ctx.placements.some((p) => p.copy === 'sent')) {
      copies.set('sent', await storeCopy(deps, ctx, [withBlindRecipients(ctx.raw, ctx.rcptTo, ctx.parsed?.headers ?? [])]));
    }
    if (ctx.outbound.length) {
      const buf = await dkimSigned(ctx, deps, Buffer.concat([received, delivered]));
      copies.set('outbound', { ref: await deps.blobs.put([buf]), parsed: ctx.parsed!, text: '' });
    }
    if (redirected) {
      // Signed for the domain of the rewritten (SRS) sender: ours, where the original From is not.
      const sender = redirected.envelopes.find((e) => e.sender !== '')?.sender ?? ctx.mailFrom;
      copies.set('forward', { ref: await deps.blobs.put([await dkimSigned(ctx, deps, redirected.raw, sender)]), parsed: ctx.parsed!, text: '' });
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    deps.log.error({ err, delivery: ctx.id }, 'writing message bytes failed');
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' || code === 'EROFS') {
      throw new SmtpReplyError(452, '4.3.1', 'Insufficient system storage, please try again later');
    }
    throw new SmtpReplyError(451, '4.3.0', 'Temporary local problem storing the message, please try again later');
  }

  const events: MailEvent[] = [];
  let queueId: string | null = null;
  let forwardsQueued = 0;
  await deps.store.batchTx(async (trx, later) => {
    const refs = new Map<string, { size: number; count: number }>();
    // Rows are locked in mailbox order, the same in every transaction, so concurrent deliveries
    // to overlapping mailboxes cannot deadlock (PostgreSQL runs them in parallel).
    for (const p of [...ctx.placements].sort((a, b) => a.mailbox.id - b.mailbox.id)) {
      const copy = edited.get(p) ?? copies.get(p.copy)!;
      const named = p.folder ? await folderByName(trx, p.mailbox.id, p.folder) : undefined;
      if (p.folder && !named) note(ctx, 'commit', `${p.mailbox.address}: folder "${p.folder}" no longer exists, into ${p.folderRole}`);
      const folder = named ?? (await folderByRole(trx, p.mailbox.id, p.folderRole)) ?? (await folderByRole(trx, p.mailbox.id, 'inbox'));
      if (!folder) throw new Error(`mailbox ${p.mailbox.address} has no inbox`);
      const stored = await insertMessage(
        trx,
        deps.store.dialect,
        messageRow(copy.parsed, {
          mailboxId: p.mailbox.id,
          folderId: folder.id,
          flags: p.flags,
          internalDate: ctx.receivedAt,
          size: copy.ref.size,
          blobHash: copy.ref.hash,
          deliveryId: ctx.id,
          text: copy.text,
          emailType: p.emailType,
        }),
        later,
      );
      await addUsedBytes(trx, p.mailbox.id, copy.ref.size);
      const r = refs.get(copy.ref.hash) ?? { size: copy.ref.size, count: 0 };
      r.count++;
      refs.set(copy.ref.hash, r);
      events.push({ type: 'message.new', mailboxId: p.mailbox.id, folderId: folder.id, uid: stored.uid, modseq: stored.modseq });
      note(ctx, 'commit', `${p.mailbox.address}: stored in ${folder.name} as UID ${stored.uid}`);
    }
    const out = copies.get('outbound');
    if (out) {
      queueId = newId();
      await insertQueueMessage(trx, { id: queueId, sender: ctx.mailFrom, blobHash: out.ref.hash, size: out.ref.size, deliveryId: ctx.id, kind: ctx.mailFrom === '' ? 'dsn' : 'normal', recipients: ctx.outbound, now: ctx.receivedAt });
      const r = refs.get(out.ref.hash) ?? { size: out.ref.size, count: 0 };
      r.count++;
      refs.set(out.ref.hash, r);
      events.push({ type: 'queue.new', queueId });
      note(ctx, 'commit', `queued ${queueId} for ${ctx.outbound.join(', ')}`);
    }
    const fwd = copies.get('forward');
    for (const env of redirected?.envelopes ?? []) {
      const id = newId();
      forwardsQueued++;
      // A redirected bounce stays a bounce ('dsn'): never bounced again.
      await insertQueueMessage(trx, { id, sender: env.sender, blobHash: fwd!.ref.hash, size: fwd!.ref.size, deliveryId: ctx.id, kind: env.sender === '' ? 'dsn' : 'normal', recipients: env.recipients, now: ctx.receivedAt });
      const r = refs.get(fwd!.ref.hash) ?? { size: fwd!.ref.size, count: 0 };
      r.count++;
      refs.set(fwd!.ref.hash, r);
      events.push({ type: 'queue.new', queueId: id });
      note(ctx, 'commit', `queued ${id} for ${env.recipients.join(', ')} (redirected, envelope sender <${env.sender}>)`);
    }
    for (const write of ctx.commitWrites ?? []) await write(trx);
    for (const [hash, r] of refs) await addBlobRefs(trx, hash, r.size, r.count);
    if (ctx.source === 'submission' && ctx.client.mailbox) {
      await recordSend(trx, ctx.client.mailbox.id, ctx.rcptTo.length, ctx.receivedAt);
    }
    await insertDelivery(trx, deliveryRecord(ctx, ctx.placements.length || queueId || forwardsQueued ? 'accepted' : 'dropped'));
  });
  for (const e of events) deps.events.publish(e);
}

/**
 * Signed here, once per message: the queue stores the signed bytes, so every retry sends the same
 * signature. A signing failure sends the message unsigned rather than refusing it.
 */
async function dkimSigned(ctx: DeliveryContext, deps: DeliveryDeps, message: Buffer, mailFrom = ctx.mailFrom): Promise<Buffer> {
  try {
    const r = await signOutbound(deps.store.db, message, { from: ctx.parsed?.from?.address ?? null, mailFrom, hostname: deps.config.hostname, now: deps.now() });
    note(ctx, 'commit', r.domain ? `DKIM-signed as d=${r.domain} (${r.selectors.join(', ')})` : `not DKIM-signed: no keys for ${r.candidates.join(', ') || 'its domains'}`);
    return r.message;
  } catch (err) {
    deps.log.error({ err, delivery: ctx.id }, 'DKIM signing failed; the message goes unsigned');
    note(ctx, 'commit', `not DKIM-signed: ${(err as Error).message}`);
    return message;
  }
}

/** The blank line that ends the header block and the body after it: what follows an edited header block. */
function bodyOf(message: Buffer): Buffer {
  const hasBlank = message.indexOf('\r\n\r\n') !== -1 || message.indexOf('\n\n') !== -1;
  if (!hasBlank) return Buffer.from('\r\n');
  const end = headerBlockEnd(message);
  return message.subarray(message[end - 2] === 0x0d ? end - 2 : end - 1);
}

async function storeCopy(deps: DeliveryDeps, ctx: DeliveryContext, parts: Buffer[]): Promise<StoredCopy> {
  const buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const ref = await deps.blobs.put([buf]);
  // Parsed again on the stored bytes so every offset in the MIME tree points into the blob as
  // served; the searchable text does not change with the added headers, so it is not redone.
  return { ref, parsed: parseMessage(buf, { maxTextBytes: 0 }), text: ctx.parsed?.text ?? '' };
}
