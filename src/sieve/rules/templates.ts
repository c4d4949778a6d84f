// Domain rule templates: the admin fixes the conditions and which actions may be picked; each
// user picks one of them (or keeps the default) and may hide the template (then it does not
// apply). A template shows in the user's list as a rule marked `template: id`, first in order.
import { z } from 'zod';
import { normalizeRule } from './normalize.js';
import { ACTION_TYPES, actionSchema, checkConditions, conditionSchema, MAX_CONDITIONS, type Action, type ActionType, type Condition, type Rule } from './schema.js';

export const templateSchema = z.strictObject({
  name: z.string().min(1).max(200).regex(/^[^\p{Cc}\u2028\u2029]*$/u, { message: 'must be one line without control characters' }),
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(conditionSchema).min(1).max(MAX_CONDITIONS).describe('Fixed by the admin'),
  allowedActions: z.array(z.enum(ACTION_TYPES)).min(1).describe('What a user may pick'),
  defaultAction: actionSchema.describe('Applied until the user picks another'),
}).superRefine((t, ctx) => {
  checkConditions(t.conditions, ctx, ['conditions']);
  if (!t.allowedActions.includes(t.defaultAction.type)) ctx.addIssue({ code: 'custom', path: ['defaultAction', 'type'], message: `"${t.defaultAction.type}" is not one of allowedActions` });
});

export type TemplateInput = z.input<typeof templateSchema>;

export interface RuleTemplate {
  id: number;
  name: string;
  match: 'all' | 'any';
  conditions: Condition[];
  allowedActions: ActionType[];
  defaultAction: Action;
}

export const templateRuleId = (templateId: number) => `tpl-${templateId}`;

/** The rule a template gives a user, with their action (null: the default). */
export function templateRule(t: RuleTemplate, action: Action | null): Rule {
  return normalizeRule({
    id: templateRuleId(t.id),
    name: t.name,
    enabled: true,
    match: t.match,
    conditions: t.conditions,
    actions: [action ?? t.defaultAction],
    template: t.id,
  });
}
