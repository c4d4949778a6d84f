// The tag=value list of RFC 6376 3.2, which DMARC (RFC 7489 6.3), MTA-STS (RFC 8461 3.1) and
// TLS-RPT (RFC 8460 3) records share: `tag=value` pairs separated by ";", an optional trailing ";".
// Tag names are kept as written; callers compare them in lower case.

export interface Tag {
  name: string;
  value: string;
}

export interface TagList {
  tags: Tag[];
  /** By lower-case name: the first occurrence. */
  byName: Map<string, Tag>;
  /** Syntax problems, each a sentence; empty when the list is well-formed. */
  errors: string[];
  /** Deviations receivers tolerate (an empty tag between two ";"). */
  warnings: string[];
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const WSP = /^[ \t\r\n]+|[ \t\r\n]+$/g;

export function parseTagList(text: string): TagList {
  const tags: Tag[] = [];
  const byName = new Map<string, Tag>();
  const errors: string[] = [];
  const warnings: string[] = [];
  const parts = text.split(';');
  parts.forEach((raw, i) => {
    const part = raw.replace(WSP, '');
    if (!part) {
      if (i < parts.length - 1) warnings.push(i === 0 ? 'the record starts with ";"' : 'an empty tag between two ";"');
      return;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      errors.push(`"${part}" is not a tag=value pair`);
      return;
    }
    const name = part.slice(0, eq).replace(WSP, '');
    const value = part.slice(eq + 1).replace(WSP, '');
    if (!TAG_NAME.test(name)) {
      errors.push(`"${name}" is not a valid tag name`);
      return;
    }
    const tag = { name, value };
    tags.push(tag);
    const key = name.toLowerCase();
    // RFC 6376 3.2: a tag that occurs twice makes the whole list invalid.
    if (byName.has(key)) errors.push(`the tag "${key}" appears more than once`);
    else byName.set(key, tag);
  });
  return { tags, byName, errors, warnings };
}
