// Schema pieces shared by several route files. Input schemas check shape and type only; the rules
// about addresses and domains (IDN, dot-atom local parts...) stay in accounts/admin.ts, the one
// place that enforces them for the CLI and the API alike, and its errors name the same fields.
import { z } from 'zod';

/** A whole number; the message is used for every way the value can be wrong, so it says what is wanted. */
export function wholeNumber(min: number, what: string) {
  const error = `expected a whole number ${what}`;
  return z.int({ error }).min(min, { error });
}

export const emailAddress = (description: string) => z.string().min(1).max(320).describe(description);
export const domainName = (description: string) => z.string().min(1).max(253).describe(description);

/** Numeric ids in paths arrive as text. */
export const numericId = z
  .string()
  .regex(/^\d{1,15}$/, { error: 'expected a whole number' })
  .transform(Number);

export const recipientLimit = (what: string) =>
  wholeNumber(1, 'of at least 1, or null for the default')
    .nullable()
    .optional()
    .describe(`${what}; null resets to the default, leaving it out keeps the current value`);

export const limitsBody = z.strictObject({
  maxRecipientsPerMessage: recipientLimit('Recipients per message'),
  maxRecipientsPer24h: recipientLimit('Recipients per 24 hours'),
});

export const nullableInt = z.number().int().nullable();
export const timestamp = z.number().int().describe('Milliseconds since the Unix epoch');
