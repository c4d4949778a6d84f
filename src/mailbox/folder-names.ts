// Folder names as people and IMAP clients give them: '/'-separated, UTF-8, INBOX case-insensitive.
// Refuses what could confuse a hierarchy or reach outside it: empty segments, "." and "..",
// leading or trailing separators, control characters, and wildcard characters of LIST.
import { invalid } from '../util/errors.js';

export const DELIMITER = '/';
const MAX_NAME_BYTES = 1024;
const MAX_DEPTH = 32;

export function normalizeFolderName(input: string, field = 'name'): string {
  const name = input.normalize('NFC');
  if (/^inbox$/i.test(name)) return 'INBOX';
  if (!name || Buffer.byteLength(name) > MAX_NAME_BYTES) throw invalid(field, `${field}: a folder name has 1 to ${MAX_NAME_BYTES} bytes`);
  if (/[\x00-\x1f\x7f*%]/.test(name)) throw invalid(field, `${field}: control characters, "*" and "%" are not allowed in folder names`);
  const parts = name.split(DELIMITER);
  if (parts.length > MAX_DEPTH) throw invalid(field, `${field}: folders nest at most ${MAX_DEPTH} levels deep`);
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.trim() !== p)) {
    throw invalid(field, `${field}: "${name}" has an empty, "." or ".." level, or spaces around a level`);
  }
  // INBOX/child keeps INBOX's canonical spelling.
  if (/^inbox$/i.test(parts[0]!)) parts[0] = 'INBOX';
  return parts.join(DELIMITER);
}

export function parentNames(name: string): string[] {
  const parts = name.split(DELIMITER);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join(DELIMITER));
}

export function isInside(name: string, ancestor: string): boolean {
  return name.startsWith(ancestor + DELIMITER);
}
