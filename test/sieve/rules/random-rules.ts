// Random but seeded rule lists for the property tests: every field, operator and action, with
// strings full of what escaping must survive (quotes, backslashes, wildcards, "${", non-ASCII).
import { ACTION_TYPES, ADDRESS_FIELDS, EMAIL_TYPES, TEXT_OPS, type RuleInput } from '../../../src/sieve/rules/index.js';

/** mulberry32: small, fast and the same sequence on every run for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomRules(rand: () => number, count: number): RuleInput[] {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const PIECES = ['a', 'Z', ' ', '"', '\\', '*', '?', '${x}', '${', 'é', 'ß', '日本', '😀', '#', '/*', '*/', ';', '}', '[', ']', '%', 'rule:', '"]);'];
  const text = (min = 1) => {
    let s = '';
    const n = min + int(6);
    for (let i = 0; i < n; i++) s += pick(PIECES);
    return s;
  };
  // Patterns without a lone trailing "\" (refused by the schema).
  const pattern = () => text().replace(/\\+$/, (m) => (m.length % 2 ? `${m}\\` : m));
  const regex = () => pick(['^a+b?$', 'f(o|u)o', '[0-9]{2,4}', 'é+', '\\.', 'x|y', '(?:)?']).replace('(?:)?', 'z*');
  const headerName = () => pick(['X-Spam-Flag', 'List-Id', 'X-Priority', 'Subject', 'FROM', 'x-custom.h_1', 'Reply-To']);
  const textOp = () => pick(TEXT_OPS);
  const value = (op: string) => (op === 'regex' ? regex() : op === 'matches' ? pattern() : op === 'is' && rand() < 0.1 ? '' : text());

  const condition = (): any => {
    const not = rand() < 0.3;
    switch (int(7)) {
      case 0: {
        const op = textOp();
        return { field: pick(ADDRESS_FIELDS), op, value: value(op), not };
      }
      case 1: {
        const op = textOp();
        return { field: 'subject', op, value: value(op), not };
      }
      case 2: {
        const op = textOp();
        return { field: 'body', op, value: value(op), not };
      }
      case 3: {
        if (rand() < 0.3) return { field: 'header', name: headerName(), op: pick(['over', 'under']), value: String(int(1000)), not };
        const op = textOp();
        return { field: 'header', name: headerName(), op, value: value(op), not };
      }
      case 4:
        return { field: 'size', op: pick(['over', 'under']), value: pick([0, 1, 1023, 1024, 5 * 1024 ** 2, 3 * 1024 ** 3, int(10_000_000)]), not };
      case 5:
        return { field: 'attachment', not };
      default:
        return { field: 'type', value: pick(EMAIL_TYPES), not };
    }
  };

  const action = (type: string): any => {
    switch (type) {
      case 'move':
      case 'copy':
        return { type, folder: pick(['Archive', 'Work/Ünïcode', 'a "quoted" \\ one', 'Social networks', '${x}']) };
      case 'keyword':
        return { type, keyword: pick(['$Work', 'todo', 'a.b_c', '$Label1']) };
      case 'redirect':
        return { type, address: pick(['joe@example.org', 'x.y+tag@example.net']), copy: rand() < 0.5 };
      case 'reject':
        return { type, message: text() };
      default:
        return { type };
    }
  };
  // Combinations the schema accepts: reject alone with flags; delete without filing.
  const actions = (): any[] => {
    const kind = int(4);
    const types: string[] = [];
    const n = 1 + int(4);
    for (let i = 0; i < n; i++) {
      const t = pick(ACTION_TYPES.filter((x) => x !== 'stop' && x !== 'reject' && x !== 'delete'));
      if (kind === 0 || (kind === 1 && !['markRead', 'flag', 'keyword'].includes(t))) continue;
      types.push(t);
    }
    if (kind === 0) types.push('reject');
    if (kind === 1) types.push('delete');
    if (rand() < 0.3) types.push('stop');
    if (!types.length) types.push('markRead');
    // Shuffled: normalization sorts them.
    return types.sort(() => rand() - 0.5).map(action);
  };

  const rules: RuleInput[] = [];
  for (let i = 0; i < count; i++) {
    const conditions = Array.from({ length: int(5) }, condition);
    rules.push({
      ...(rand() < 0.7 ? { id: `r${i}-${int(1000)}` } : {}),
      name: text(),
      enabled: rand() < 0.8,
      match: pick(['all', 'any'] as const),
      conditions,
      actions: actions(),
      ...(rand() < 0.1 ? { template: 1 + int(5) } : {}),
    });
  }
  return rules;
}
