// Just enough YAML for the ARC test suites in test/fixtures/arc: documents split by `---`,
// nested block mappings, literal (`|`, `|-`) and folded (`>`, `>-`) block scalars, plain and
// quoted scalars. No npm YAML package is a dependency of Mailcove, and the suites use no more.
type Value = string | number | { [key: string]: Value };

interface Line { indent: number; text: string; raw: string }

export function parseYamlDocuments(text: string): Array<Record<string, Value>> {
  return text
    .split(/^---[ \t]*$/m)
    .map((doc) => doc.split(/\r?\n/).map((raw): Line => ({ indent: raw.length - raw.replace(/^ +/, '').length, text: raw.trim(), raw })))
    .filter((lines) => lines.some((l) => l.text !== '' && !l.text.startsWith('#')))
    .map((lines) => {
      const state = { i: 0 };
      return parseMapping(lines, state, 0) as Record<string, Value>;
    });
}

const isBlank = (l: Line) => l.text === '' || l.text.startsWith('#');

function parseMapping(lines: Line[], state: { i: number }, indent: number): Record<string, Value> {
  const out: Record<string, Value> = {};
  while (state.i < lines.length) {
    const line = lines[state.i]!;
    if (isBlank(line)) {
      state.i++;
      continue;
    }
    if (line.indent < indent) break;
    if (line.indent > indent) throw new Error(`unexpected indentation: ${line.raw}`);
    const m = /^([^:]+?):(?:[ \t]+(.*))?$/.exec(line.text);
    if (!m) throw new Error(`not a mapping entry: ${line.raw}`);
    const key = m[1]!;
    const rest = (m[2] ?? '').trim();
    state.i++;
    if (/^[|>][+-]?$/.test(rest)) out[key] = blockScalar(lines, state, indent, rest);
    else if (rest === '') {
      const next = lines.slice(state.i).find((l) => !isBlank(l));
      out[key] = next && next.indent > indent ? parseMapping(lines, state, next.indent) : '';
    } else out[key] = plainScalar(rest);
  }
  return out;
}

function blockScalar(lines: Line[], state: { i: number }, parentIndent: number, style: string): string {
  const body: string[] = [];
  let blockIndent = -1;
  while (state.i < lines.length) {
    const line = lines[state.i]!;
    if (line.text !== '') {
      if (line.indent <= parentIndent) break;
      if (blockIndent < 0) blockIndent = line.indent;
      if (line.indent < blockIndent) break;
    }
    body.push(line.text === '' ? '' : line.raw.slice(blockIndent));
    state.i++;
  }
  while (body.length && body[body.length - 1] === '') body.pop();
  if (body.length === 0) return '';
  const joined = style.startsWith('|') ? body.join('\n') : body.join(' ').replace(/ {2,}/g, ' ');
  return style.endsWith('-') ? joined : `${joined}\n`;
}

function plainScalar(s: string): Value {
  if (/^-?\d+$/.test(s)) return Number(s);
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) return s.slice(1, -1);
  return s;
}
