// The rule builder's rules ("standard mode") as stored JSON: ordered, named, enabled or disabled,
// each a list of conditions (all of them, or any) and a list of actions. The schemas validate
// only; normalize.ts gives the one canonical form that generate → parse gives back.
import { z } from 'zod';
import { compileRegex, RegexSyntaxError } from '../regex.js';
import { DEFAULT_LIMITS } from '../limits.js';

/**
 * The pipeline hands the message's type to scripts as this environment item (RFC 5183 4.1 allows
 * vendor items "vnd."). Unlike a header, a sender cannot forge it.
 */
export const EMAIL_TYPE_ITEM = 'vnd.mailcove.type';
export const EMAIL_TYPES = ['spam', 'promotion', 'social', 'transactional', 'bounce', 'normal'] as const;
export const TEXT_OPS = ['is', 'contains', 'startsWith', 'endsWith', 'matches', 'regex'] as const;
export const NUMBER_OPS = ['over', 'under'] as const;
export const ADDRESS_FIELDS = ['from', 'to', 'cc', 'replyTo'] as const;
export const ACTION_TYPES = ['move', 'copy', 'markRead', 'flag', 'keyword', 'redirect', 'reject', 'delete', 'stop'] as const;

export const MAX_RULES = 500;
export const MAX_CONDITIONS = 50;
export const MAX_ACTIONS = 20;
const MAX_TEXT = 1000;

// One line of text: a control character or line separator would break a generated line and the
// comments that carry each rule's marker.
const ONE_LINE = /^[^\p{Cc}\u2028\u2029]*$/u;
const line = (max: number) => z.string().max(max).regex(ONE_LINE, { message: 'must be one line without control characters' });

const textOp = z.enum(TEXT_OPS);
const negate = z.boolean().default(false).describe('True: the condition is negated (is not, does not contain, …)');
const value = line(MAX_TEXT).describe('Text compared case-insensitively; matches: * any run, ? one character, \\ escapes');

/** RFC 5322 3.6.8 field-name: printable ASCII but ":". */
export const headerName = z.string().min(1).max(100).regex(/^[!-9;-~]+$/, { message: 'must be a header field name (printable ASCII without ":" or spaces)' });

const textCondition = <F extends readonly [string, ...string[]]>(fields: F) =>
  z.strictObject({ field: z.enum(fields), op: textOp, value, not: negate });

const addressCondition = textCondition(ADDRESS_FIELDS).describe('From, To, Cc or Reply-To: contains looks at the whole field (name too), the others at the addresses');
const subjectCondition = textCondition(['subject'] as const);
const bodyCondition = textCondition(['body'] as const).describe('The text of the message body');
const headerCondition = z.strictObject({
  field: z.literal('header'),
  name: headerName,
  op: z.enum([...TEXT_OPS, ...NUMBER_OPS]),
  value: value.describe('Text; over/under: a whole number (the header is read as a number)'),
  not: negate,
});
const sizeCondition = z.strictObject({
  field: z.literal('size'),
  op: z.enum(NUMBER_OPS),
  value: z.number().int().min(0).max(2 ** 40).describe('Bytes'),
  not: negate,
});
const attachmentCondition = z.strictObject({ field: z.literal('attachment'), not: negate }).describe('A part with Content-Disposition: attachment');
const typeCondition = z.strictObject({ field: z.literal('type'), value: z.enum(EMAIL_TYPES), not: negate }).describe('The type the pipeline gave the message');

export const conditionSchema = z.discriminatedUnion('field', [
  addressCondition, subjectCondition, bodyCondition, headerCondition, sizeCondition, attachmentCondition, typeCondition,
]);

const folder = line(255).min(1).describe('Folder name, e.g. "Newsletters" or "Archive/2026"');
/** IMAP atom characters (RFC 3501 9): no spaces, no specials, and no "\" (system flags are separate actions). */
const keyword = z.string().min(1).max(100).regex(/^(?:(?![(){}%*"\\\]])[!-~])+$/, { message: 'must be an IMAP keyword: printable ASCII without spaces or ( ) { } % * " \\ ]' });
const address = z.string().min(3).max(254).regex(/^[^\s@"\\<>()[\],;:]+@[^\s@"\\<>()[\],;:]+$/, { message: 'must be an address local@domain' });

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('move'), folder }).describe('File into the folder (not the Inbox)'),
  z.strictObject({ type: z.literal('copy'), folder }).describe('File a copy into the folder (and keep it where it would go)'),
  z.strictObject({ type: z.literal('markRead') }),
  z.strictObject({ type: z.literal('flag') }),
  z.strictObject({ type: z.literal('keyword'), keyword }),
  z.strictObject({ type: z.literal('redirect'), address, copy: z.boolean().default(false).describe('Keep a copy here too') }),
  z.strictObject({ type: z.literal('reject'), message: line(MAX_TEXT).min(1) }).describe('Refuse the message with this text'),
  z.strictObject({ type: z.literal('delete') }).describe('Drop it (no copy kept)'),
  z.strictObject({ type: z.literal('stop') }).describe('Later rules are not looked at'),
]);

export const ruleId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: 'must be letters, digits, "-" or "_"' });

export const ruleSchema = z.strictObject({
  id: ruleId.optional().describe('Kept across saves; given by the server when left out'),
  name: line(200).min(1),
  enabled: z.boolean().default(true),
  match: z.enum(['all', 'any']).default('all').describe('all: every condition must hold; any: one is enough'),
  conditions: z.array(conditionSchema).max(MAX_CONDITIONS).describe('None: every message'),
  actions: z.array(actionSchema).min(1).max(MAX_ACTIONS),
  template: z.number().int().positive().optional().describe('Set on rules that come from a domain rule template (read-only here)'),
}).superRefine((r, ctx) => checkRule(r, ctx));

export const rulesSchema = z.array(ruleSchema).max(MAX_RULES).superRefine((rules, ctx) => {
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    if (r.id === undefined) return;
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${r.id}" is also the id of rule ${seen.get(r.id)}` });
    else seen.set(r.id, i);
  });
});

export type Condition = z.output<typeof conditionSchema>;
export type Action = z.output<typeof actionSchema>;
export type ActionType = Action['type'];
export type EmailType = (typeof EMAIL_TYPES)[number];
export type RuleInput = z.input<typeof ruleSchema>;
/** A rule as stored and generated: every default filled in and an id. */
export type Rule = z.output<typeof ruleSchema> & { id: string };

/** Checks of one rule that involve more than one field. */
function checkRule(r: z.output<typeof ruleSchema>, ctx: z.RefinementCtx): void {
  checkConditions(r.conditions, ctx, ['conditions']);
  const types = r.actions.map((a) => a.type);
  const has = (t: ActionType) => types.includes(t);
  const at = (t: ActionType) => ['actions', types.lastIndexOf(t)];
  if (types.filter((t) => t === 'stop').length > 1) ctx.addIssue({ code: 'custom', path: at('stop'), message: 'stop is given twice' });
  if (has('reject') && (has('move') || has('copy') || has('redirect') || has('delete'))) {
    // RFC 5429 2.1: reject cannot be combined with fileinto or redirect.
    ctx.addIssue({ code: 'custom', path: at('reject'), message: 'reject cannot be combined with move, copy, redirect or delete' });
  }
  if (has('delete') && (has('move') || has('copy'))) ctx.addIssue({ code: 'custom', path: at('delete'), message: 'delete cannot be combined with move or copy' });
}

/** Values the per-field schemas cannot judge alone: numbers of over/under, patterns, regexes. */
export function checkConditions(conditions: readonly Condition[], ctx: z.RefinementCtx, at: Array<string | number>): void {
  conditions.forEach((c, j) => {
    const path = [...at, j, 'value'];
    if (c.field === 'attachment' || c.field === 'type' || c.field === 'size') return;
    if (c.op === 'over' || c.op === 'under') {
      if (!/^\d{1,18}$/.test(c.value)) ctx.addIssue({ code: 'custom', path, message: `${c.op} needs a whole number` });
      return;
    }
    if (c.op !== 'is' && c.value === '') ctx.addIssue({ code: 'custom', path, message: 'must not be empty' });
    if (c.op === 'matches' && /(?:^|[^\\])(?:\\\\)*\\$/.test(c.value)) ctx.addIssue({ code: 'custom', path, message: 'ends with a lone "\\" (write "\\\\" for a backslash)' });
    if (c.op === 'regex') {
      const why = regexError(c.value);
      if (why) ctx.addIssue({ code: 'custom', path, message: `not a usable regular expression: ${why}` });
    }
  });
}

/** Null when the engine accepts the pattern (POSIX extended, linear-time engine), else why not. */
export function regexError(pattern: string): string | null {
  try {
    compileRegex(pattern, { icase: true, maxSize: DEFAULT_LIMITS.maxRegexSize });
    return null;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return e.message;
    throw e;
  }
}
