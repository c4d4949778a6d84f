// Stage 6, decide: the folder and flags of each copy. Filters (block/allow lists, spam and
// sorting folders, the user's Sieve script, the responder) refine these placements; without
// them every copy is an implicit keep into the Inbox. A submission also keeps a Sent copy.
import { note, type DeliveryContext } from '../context.js';

export async function decideStage(ctx: DeliveryContext): Promise<void> {
  for (const p of ctx.placements) {
    // Quarantine (DMARC today, spam scores later): the copy goes to Spam instead of the Inbox.
    if (ctx.quarantine && p.copy === 'delivered' && p.folderRole === 'inbox') {
      p.folderRole = 'junk';
      note(ctx, 'decide', `${p.mailbox.address}: into junk (${ctx.quarantine})`);
      continue;
    }
    note(ctx, 'decide', `${p.mailbox.address}: keep in ${p.folderRole}`);
  }
  const sender = ctx.client.mailbox;
  if (ctx.source === 'submission' && sender) {
    ctx.placements.push({ mailbox: sender, folderRole: 'sent', flags: ['\\Seen'], rcpt: sender.address, copy: 'sent' });
    note(ctx, 'decide', `${sender.address}: copy in sent`);
  }
}
