// The rule builder ("standard mode"), advanced mode and domain rule templates. A user manages the
// rules of mailboxes granted with manage_filters (or manage), as for the block and allow lists;
// templates and the domain's redirect setting are the administrator's.
import { z } from 'zod';
import * as rules from '../../accounts/sieve-rules.js';
import { actionSchema, ACTION_TYPES, conditionSchema, ruleSchema, rulesSchema, templateSchema } from '../../sieve/rules/index.js';
import { defineRoute } from '../route.js';
import { domainName, emailAddress, numericId, timestamp } from '../schemas.js';
import { checkMailboxAccess } from './filters.js';

const mailboxParams = z.object({ address: emailAddress('Mailbox address') });
const domainParams = z.object({ name: domainName('Hosted domain') });
const mode = z.enum(['standard', 'advanced']);

const rulesView = z.object({
  mailbox: z.string(),
  mode: mode.describe('standard: the rules apply; advanced: a raw script does, the rules are kept unapplied'),
  redirectAllowed: z.boolean().describe('Whether rules may redirect (the domain may forbid it)'),
  rules: z.array(ruleSchema).describe('In order; rules from domain templates come first, marked with template'),
});
const templateView = z.object({
  id: z.number().int(),
  domain: z.string(),
  name: z.string(),
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema),
  allowedActions: z.array(z.enum(ACTION_TYPES)),
  defaultAction: actionSchema,
  createdAt: timestamp,
});
const choiceView = z.object({
  template: templateView,
  action: actionSchema.nullable().describe("The user's pick; null: the template's default"),
  hidden: z.boolean().describe('Hidden templates do not apply'),
});

export const ruleRoutes = [
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/rules',
    operationId: 'getMailboxRules',
    summary: "A mailbox's rules (the rule builder), in order, with the mode",
    tag: 'rules',
    auth: 'user',
    params: mailboxParams,
    response: rulesView,
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return rules.getRules(ctx.admin, params.address);
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/rules',
    operationId: 'setMailboxRules',
    summary: 'Replace the whole ordered list of rules; the generated Sieve becomes the active script in standard mode',
    tag: 'rules',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({ rules: rulesSchema.describe('Template rules in it are ignored: set them with PUT …/rule-templates/{id}') }),
    response: rulesView,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return rules.setRules(ctx.admin, params.address, body.rules);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/mailboxes/:address/rules/mode',
    operationId: 'setMailboxRulesMode',
    summary: 'standard: the rules apply again; advanced: a raw Sieve script (given, or the one used last) replaces them, which are kept',
    tag: 'rules',
    auth: 'user',
    params: mailboxParams,
    body: z.strictObject({
      mode,
      script: z.string().max(1024 * 1024).optional().describe('advanced: the raw Sieve script (e.g. an imported file)'),
      name: z.string().min(1).max(128).optional().describe(`advanced: the script's name (default "${rules.ADVANCED_SCRIPT}")`),
    }),
    response: z.object({ mailbox: z.string(), mode, activeScript: z.string() }),
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return rules.setMode(ctx.admin, params.address, body.mode, { script: body.script, name: body.name, limits: ctx.deps.config.sieveScripts });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/rules/sieve',
    operationId: 'getMailboxRulesSieve',
    summary: 'The Sieve script generated from the rules',
    tag: 'rules',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ mailbox: z.string(), name: z.string(), active: z.boolean(), script: z.string() }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return rules.getRulesSieve(ctx.admin, params.address);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/mailboxes/:address/rule-templates',
    operationId: 'listMailboxRuleTemplates',
    summary: "The domain's rule templates with this mailbox's choices (hidden ones included)",
    tag: 'rules',
    auth: 'user',
    params: mailboxParams,
    response: z.object({ templates: z.array(choiceView) }),
    errors: [404],
    handler: async ({ ctx, user, params }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return { templates: await rules.listMailboxRuleTemplates(ctx.admin, params.address) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/mailboxes/:address/rule-templates/:id',
    operationId: 'setMailboxRuleTemplateChoice',
    summary: 'Pick the action of a domain rule template (one of its allowed actions; null: the default) or hide it',
    tag: 'rules',
    auth: 'user',
    params: mailboxParams.extend({ id: numericId }),
    body: z.strictObject({ action: actionSchema.nullable().optional(), hidden: z.boolean().optional() }),
    response: choiceView,
    errors: [404],
    handler: async ({ ctx, user, params, body }) => {
      await checkMailboxAccess(ctx, user, params.address);
      return rules.setTemplateChoice(ctx.admin, params.address, params.id, body);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/domains/:name/rule-templates',
    operationId: 'listRuleTemplates',
    summary: "A domain's rule templates",
    tag: 'rules',
    auth: 'admin',
    params: domainParams,
    response: z.object({ templates: z.array(templateView) }),
    errors: [404],
    handler: async ({ ctx, params }) => ({ templates: await rules.listRuleTemplates(ctx.admin, params.name) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/domains/:name/rule-templates',
    operationId: 'addRuleTemplate',
    summary: 'Add a rule template: fixed conditions, the actions users may pick and the default; it applies to every mailbox of the domain',
    tag: 'rules',
    auth: 'admin',
    params: domainParams,
    body: templateSchema,
    response: templateView,
    status: 201,
    errors: [404],
    handler: async ({ ctx, params, body }) => rules.addRuleTemplate(ctx.admin, params.name, body),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/domains/:name/rule-templates/:id',
    operationId: 'removeRuleTemplate',
    summary: 'Remove a rule template (from every mailbox of the domain)',
    tag: 'rules',
    auth: 'admin',
    params: domainParams.extend({ id: numericId }),
    response: z.object({ domain: z.string(), id: z.number().int(), deleted: z.boolean() }),
    errors: [404],
    handler: async ({ ctx, params }) => rules.removeRuleTemplate(ctx.admin, params.name, params.id),
  }),
  defineRoute({
    method: 'PUT',
    path: '/domains/:name/rule-settings',
    operationId: 'setDomainRuleSettings',
    summary: "Whether the rule builder may offer redirect to the domain's users (forbid: rules that redirect are disabled)",
    tag: 'rules',
    auth: 'admin',
    params: domainParams,
    body: z.strictObject({ redirect: z.enum(['allow', 'forbid']) }),
    response: z.object({ domain: z.string(), redirect: z.enum(['allow', 'forbid']), disabledRules: z.number().int() }),
    errors: [404, 409],
    handler: async ({ ctx, params, body }) => rules.setRulesRedirect(ctx.admin, params.name, body.redirect),
  }),
];
