// RFC 6376 3.2 tag-lists (DKIM-Signature, ARC-Seal, ARC-Message-Signature) read strictly:
// mailauth reads them leniently, which lets a malformed seal or signature count as valid.

export interface TagList {
  tags: Map<string, string>;
  /** Why the list is malformed, or null. */
  problem: string | null;
}

// tag-name = ALPHA *ALNUMPUNC (ALNUMPUNC = ALPHA / DIGIT / "_"); names are case-sensitive.
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `value` is the field value (after the colon), folded or not. */
export function parseTagList(value: string, required: string[] = []): TagList {
  const tags = new Map<string, string>();
  const specs = value.replace(/\r?\n/g, '').split(';');
  // tag-list = tag-spec *( ";" tag-spec ) [ ";" ]: only the last one may be empty.
  if (specs.length > 1 && specs[specs.length - 1]!.trim() === '') specs.pop();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (spec.trim() === '') return { tags, problem: 'empty tag (";;")' };
    if (eq < 0) return { tags, problem: `tag without "=": ${spec.trim().slice(0, 20)}` };
    const name = spec.slice(0, eq).trim();
    if (!TAG_NAME.test(name)) return { tags, problem: `invalid tag name "${name.slice(0, 20)}"` };
    if (tags.has(name)) return { tags, problem: `duplicate tag ${name}=` };
    tags.set(name, spec.slice(eq + 1).trim());
  }
  for (const t of required) if (!tags.has(t)) return { tags, problem: `missing ${t}= tag` };
  return { tags, problem: null };
}
