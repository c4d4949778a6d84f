// `mailcove rules ...` (a mailbox's rule builder rules, its mode and generated script) and
// `mailcove rule-template ...` (a domain's templates): the same operations as the JSON API
// (src/accounts/sieve-rules.ts).
import fs from 'node:fs';
import * as rules from '../accounts/sieve-rules.js';
import type { Rule } from '../sieve/rules/index.js';
import { UsageError } from './args.js';
import { arg, type Command, type Io } from './command.js';
import { out, withAdmin } from './filters.js';
import { printTable } from './output.js';

function readFile(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function readJson(path: string): unknown {
  const text = readFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not JSON: ${(e as Error).message}`);
  }
}

const flag = (io: Io, name: string): string | undefined => {
  const v = io.args.flags.get(name);
  return v === true ? undefined : v;
};

function printRules(v: Awaited<ReturnType<typeof rules.getRules>>): void {
  console.log(`${v.mailbox}: ${v.mode} mode${v.mode === 'advanced' ? ' (a raw script applies; these rules are kept)' : ''}${v.redirectAllowed ? '' : ', redirect forbidden by the domain'}`);
  printTable(v.rules.map((r: Rule, i) => ({
    '#': i + 1,
    id: r.id,
    name: r.name,
    enabled: r.enabled ? 'yes' : 'no',
    template: r.template ?? '',
    conditions: r.conditions.length,
    actions: r.actions.map((a) => a.type).join(', '),
  })), ['#', 'id', 'name', 'enabled', 'template', 'conditions', 'actions']);
}

const templateId = (io: Io) => {
  const v = arg(io, 1, 'id');
  if (!/^\d{1,15}$/.test(v)) throw new UsageError(`<id>: "${v}" is not a whole number`);
  return Number(v);
};

export const ruleCommands: Record<string, Command> = {
  'rules list': {
    usage: 'rules list <mailbox>',
    summary: "a mailbox's rules in order (templates first), and its mode",
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.getRules(ctx, arg(io, 0, 'mailbox'));
      out(io, v, () => printRules(v));
    }),
  },
  'rules set': {
    usage: 'rules set <mailbox> <rules.json>',
    summary: 'replace the rules with those of a JSON file (a list, or {"rules": [...]}); the generated Sieve applies in standard mode',
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.setRules(ctx, arg(io, 0, 'mailbox'), readJson(arg(io, 1, 'rules.json')));
      out(io, v, () => printRules(v));
    }),
  },
  'rules show-sieve': {
    usage: 'rules show-sieve <mailbox>',
    summary: 'the Sieve script generated from the rules',
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.getRulesSieve(ctx, arg(io, 0, 'mailbox'));
      out(io, v, () => process.stdout.write(v.script));
    }),
  },
  'rules mode': {
    usage: 'rules mode <mailbox> standard|advanced [script.sieve] [--name NAME]',
    summary: 'standard: the rules apply; advanced: a raw Sieve script (a file, or the one used last) does, the rules are kept',
    run: (io) => withAdmin(io, async (ctx) => {
      const file = io.args.positionals[2];
      const v = await rules.setMode(ctx, arg(io, 0, 'mailbox'), arg(io, 1, 'standard|advanced'), { script: file === undefined ? undefined : readFile(file), name: flag(io, 'name'), limits: io.config.sieveScripts });
      out(io, v, () => console.log(`${v.mailbox}: ${v.mode} mode, active script ${v.activeScript}`));
    }),
  },
  'rules redirect': {
    usage: 'rules redirect <domain> allow|forbid',
    summary: "whether the rule builder may offer redirect to the domain's users (forbid disables rules that redirect)",
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.setRulesRedirect(ctx, arg(io, 0, 'domain'), arg(io, 1, 'allow|forbid'));
      out(io, v, () => console.log(`redirect in rules of ${v.domain}: ${v.redirect}${v.disabledRules ? ` (${v.disabledRules} rule(s) disabled)` : ''}`));
    }),
  },
  'rule-template add': {
    usage: 'rule-template add <domain> <template.json>',
    summary: 'a rule for every mailbox of the domain: {name, match, conditions, allowedActions, defaultAction}',
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.addRuleTemplate(ctx, arg(io, 0, 'domain'), readJson(arg(io, 1, 'template.json')));
      out(io, v, () => console.log(`rule template ${v.id} "${v.name}" added to ${v.domain}`));
    }),
  },
  'rule-template list': {
    usage: 'rule-template list <domain>',
    summary: "a domain's rule templates",
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.listRuleTemplates(ctx, arg(io, 0, 'domain'));
      out(io, v, () => printTable(v.map((t) => ({ id: t.id, name: t.name, conditions: t.conditions.length, allowedActions: t.allowedActions.join(', '), defaultAction: t.defaultAction.type })), ['id', 'name', 'conditions', 'allowedActions', 'defaultAction']));
    }),
  },
  'rule-template remove': {
    usage: 'rule-template remove <domain> <id>',
    summary: 'remove a rule template from every mailbox of the domain',
    run: (io) => withAdmin(io, async (ctx) => {
      const v = await rules.removeRuleTemplate(ctx, arg(io, 0, 'domain'), templateId(io));
      out(io, v, () => console.log(`rule template ${v.id} removed from ${v.domain}`));
    }),
  },
  'rule-template choose': {
    usage: "rule-template choose <mailbox> <id> '<action JSON>'|default|hide|show",
    summary: "a mailbox's pick for a template: one of its allowed actions, the default, or hidden (not applied)",
    run: (io) => withAdmin(io, async (ctx) => {
      const pick = arg(io, 2, 'action JSON|default|hide|show');
      let input: { action?: unknown; hidden?: boolean };
      if (pick === 'hide' || pick === 'show') input = { hidden: pick === 'hide' };
      else if (pick === 'default') input = { action: null };
      else {
        try {
          input = { action: JSON.parse(pick) };
        } catch {
          throw new UsageError(`"${pick}" is not an action in JSON (e.g. '{"type":"move","folder":"Bills"}'), default, hide or show`);
        }
      }
      const v = await rules.setTemplateChoice(ctx, arg(io, 0, 'mailbox'), templateId(io), input);
      out(io, v, () => console.log(`template ${v.template.id} "${v.template.name}": ${v.hidden ? 'hidden' : `action ${(v.action ?? v.template.defaultAction).type}${v.action ? '' : ' (default)'}`}`));
    }),
  },
};
