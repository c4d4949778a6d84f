// Templates becoming responders of mailboxes: in bulk (src/responder/service.ts) and for each new
// mailbox of a domain with an automatic template (src/accounts/admin.ts, in its transaction).
// Repositories only, so the mailbox operations can call it without a cycle.
import type { Db } from '../store/db.js';
import type { Row } from '../store/schema.js';
import * as repo from '../store/responders-repo.js';

/** The template as a responder of the mailbox, named after it (replacing an earlier copy). */
export async function applyTemplateTo(trx: Db, t: repo.ResponderTemplate, m: Row<'mailboxes'>, activate: boolean, now: number): Promise<void> {
  const existing = await repo.findResponder(trx, m.id, t.name);
  let id: number;
  if (existing) {
    await repo.updateResponderSettings(trx, existing.id, t.settings, t.id, now);
    id = existing.id;
  } else {
    id = (await repo.insertResponder(trx, { mailboxId: m.id, name: t.name, settings: t.settings, templateId: t.id, now })).id;
  }
  if (activate) await repo.setActiveResponder(trx, m.id, id, now);
}

/** A new mailbox gets the domain's automatic template, if any (inactive: its user switches it on). */
export async function applyAutoTemplate(trx: Db, m: Row<'mailboxes'>, now: number): Promise<void> {
  if (m.kind !== 'mailbox') return;
  const t = await repo.autoTemplate(trx, m.domain_id);
  if (t) await applyTemplateTo(trx, t, m, false, now);
}
