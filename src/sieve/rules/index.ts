// The rule builder ("standard mode"), pure: schemas of the stored JSON, the canonical form,
// rules → readable Sieve, and that Sieve → the same rules.
import { compile, type SieveDiagnostic } from '../index.js';
import { generateSieve, type GeneratedScript } from './generate.js';
import type { Rule } from './schema.js';

export * from './schema.js';
export { normalizeRule, normalizeRules, normalizeCondition } from './normalize.js';
export { generateSieve, conditionTest, actionCommand, sizeLiteral, RULE_MARKER, type GeneratedScript } from './generate.js';
export { parseRules, RulesParseError } from './parse.js';
export { quote, escapeWildcards, classifyPattern } from './text.js';

/** A compile error of the generated script, with the index of the rule it falls in (null: outside any). */
export interface RuleCompileError { rule: number | null; diagnostic: SieveDiagnostic }

/** Generate and compile with our engine; errors say which rule. */
export function buildRulesScript(rules: readonly Rule[]): { generated: GeneratedScript; errors: RuleCompileError[] } {
  const generated = generateSieve(rules);
  const r = compile(generated.text);
  const errors = (r.errors ?? []).map((d) => ({ rule: generated.blocks.find((b) => d.line >= b.firstLine && d.line <= b.lastLine)?.rule ?? null, diagnostic: d }));
  return { generated, errors };
}
export { templateSchema, templateRule, templateRuleId, type RuleTemplate, type TemplateInput } from './templates.js';
