// The rule builder's storage: each mailbox's rules (JSON), a domain's rule templates and each
// mailbox's choice for them. The generated script itself is a row of sieve_scripts (managed = 1).
import type { Db } from './db.js';
import type { Row } from './schema.js';

export type RuleTemplateRow = Row<'sieve_rule_templates'>;
export type TemplateChoiceRow = Row<'sieve_rule_template_choices'>;

export async function getRulesJson(db: Db, mailboxId: number): Promise<string | null> {
  const r = await db.selectFrom('sieve_rules').select('rules').where('mailbox_id', '=', mailboxId).executeTakeFirst();
  return r?.rules ?? null;
}

export async function putRulesJson(db: Db, mailboxId: number, rules: string, now: number): Promise<void> {
  const done = await db.updateTable('sieve_rules').set({ rules, updated_at: now }).where('mailbox_id', '=', mailboxId).executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto('sieve_rules').values({ mailbox_id: mailboxId, rules, updated_at: now }).execute();
}

export const listTemplates = (db: Db, domainId: number) =>
  db.selectFrom('sieve_rule_templates').selectAll().where('domain_id', '=', domainId).orderBy('id').execute();

export const getTemplate = (db: Db, domainId: number, id: number) =>
  db.selectFrom('sieve_rule_templates').selectAll().where('domain_id', '=', domainId).where('id', '=', id).executeTakeFirst();

export async function insertTemplate(db: Db, t: Omit<RuleTemplateRow, 'id'>): Promise<number> {
  const r = await db.insertInto('sieve_rule_templates').values(t).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deleteTemplate(db: Db, domainId: number, id: number): Promise<boolean> {
  await db.deleteFrom('sieve_rule_template_choices').where('template_id', '=', id).execute();
  const r = await db.deleteFrom('sieve_rule_templates').where('domain_id', '=', domainId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export const listChoices = (db: Db, mailboxId: number) =>
  db.selectFrom('sieve_rule_template_choices').selectAll().where('mailbox_id', '=', mailboxId).execute();

export async function putChoice(db: Db, mailboxId: number, templateId: number, action: string | null, hidden: boolean, now: number): Promise<void> {
  const values = { action, hidden: hidden ? 1 : 0, updated_at: now };
  const done = await db.updateTable('sieve_rule_template_choices').set(values).where('mailbox_id', '=', mailboxId).where('template_id', '=', templateId).executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await db.insertInto('sieve_rule_template_choices').values({ mailbox_id: mailboxId, template_id: templateId, ...values }).execute();
}

export async function setRulesRedirect(db: Db, domainId: number, policy: 'allow' | 'forbid'): Promise<void> {
  await db.updateTable('domains').set({ rules_redirect: policy }).where('id', '=', domainId).execute();
}
