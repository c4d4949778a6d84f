// One pass over an HTML body: the text a reader sees, the text hidden from them (display:none,
// tiny fonts, text the colour of its background), links with their visible text, forms and
// password fields. Tolerant of broken markup and bounded: the caller caps the input, and every
// output has its own cap.
import { decodeEntities } from '../mime/index.js';

export interface HtmlLink {
  href: string;
  text: string;
}

export interface HtmlInfo {
  visibleText: string;
  hiddenText: string;
  /** Letters hidden per way of hiding. */
  hidden: { display: number; tiny: number; color: number };
  links: HtmlLink[];
  images: number;
  forms: number;
  formActions: string[];
  passwordInputs: number;
  inputs: number;
  scripts: number;
  /** Structure words for the statistical model: tag, attribute and CSS property names. */
  structure: string[];
}

const MAX_VISIBLE = 200_000;
const MAX_HIDDEN = 50_000;
const MAX_LINKS = 300;
const MAX_LINK_TEXT = 300;
const MAX_DEPTH = 256;
const MAX_STRUCTURE = 300;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'frame', 'keygen']);
const BLOCK = new Set(['br', 'p', 'div', 'tr', 'li', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'section', 'article', 'header', 'footer', 'td', 'th', 'dt', 'dd', 'center', 'form', 'title']);
const SKIP_CONTENT = new Set(['script', 'style', 'title', 'head', 'noscript', 'template', 'xml']);

const NAMED_COLOURS: Record<string, number> = {
  white: 0xffffff, black: 0x000000, red: 0xff0000, green: 0x008000, blue: 0x0000ff, yellow: 0xffff00,
  gray: 0x808080, grey: 0x808080, silver: 0xc0c0c0, navy: 0x000080, maroon: 0x800000, purple: 0x800080,
  teal: 0x008080, olive: 0x808000, lime: 0x00ff00, aqua: 0x00ffff, fuchsia: 0xff00ff, orange: 0xffa500,
  whitesmoke: 0xf5f5f5, snow: 0xfffafa, ivory: 0xfffff0, ghostwhite: 0xf8f8ff, floralwhite: 0xfffaf0,
};

/** A CSS/HTML colour as 0xRRGGBB, or null. */
export function parseColour(v: string | undefined | null): number | null {
  if (!v) return null;
  const s = v.trim().toLowerCase();
  if (s in NAMED_COLOURS) return NAMED_COLOURS[s];
  let m = /^#?([0-9a-f]{6})$/.exec(s);
  if (m) return parseInt(m[1], 16);
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (m) return parseInt(m[1] + m[1] + m[2] + m[2] + m[3] + m[3], 16);
  m = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(s);
  if (m) return (Math.min(255, +m[1]) << 16) | (Math.min(255, +m[2]) << 8) | Math.min(255, +m[3]);
  return null;
}

function closeColours(a: number, b: number): boolean {
  const d = Math.abs((a >> 16) - (b >> 16)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255)) + Math.abs((a & 255) - (b & 255));
  return d <= 24;
}

interface Frame {
  tag: string;
  hidden: '' | 'display' | 'tiny';
  colour: number;
  bg: number;
}

const ATTR = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  let n = 0;
  for (let m = ATTR.exec(s); m && n < 64; m = ATTR.exec(s), n++) {
    const name = m[1].toLowerCase();
    let v = m[2] ?? '';
    if (v[0] === '"' || v[0] === "'") v = v.slice(1, -1);
    if (!out.has(name)) out.set(name, v);
  }
  return out;
}

function cssDeclarations(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of style.split(';', 64)) {
    const i = decl.indexOf(':');
    if (i <= 0) continue;
    out.set(decl.slice(0, i).trim().toLowerCase(), decl.slice(i + 1).replace(/!important/i, '').trim().toLowerCase());
  }
  return out;
}

/** Font size in px when it is tiny enough to be unreadable (≤ 2 px), else null. */
function tinyFont(v: string | undefined): boolean {
  if (v === undefined) return false;
  const m = /^(-?[\d.]+)\s*(px|pt|em|rem|%)?$/.exec(v);
  if (!m) return false;
  const n = Number(m[1]);
  const px = m[2] === 'pt' ? n * 1.33 : m[2] === 'em' || m[2] === 'rem' ? n * 16 : m[2] === '%' ? n * 0.16 : n;
  return px <= 2;
}

/** UTF-16 length of the letters and digits of `t`: counted in place for ASCII (A-Z, a-z, 0-9 are all of \p{L}\p{N} there). */
function letterCount(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x80) return t.replace(/[^\p{L}\p{N}]/gu, '').length;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) n++;
  }
  return n;
}

export function scanHtml(html: string): HtmlInfo {
  const info: HtmlInfo = {
    visibleText: '', hiddenText: '', hidden: { display: 0, tiny: 0, color: 0 },
    links: [], images: 0, forms: 0, formActions: [], passwordInputs: 0, inputs: 0, scripts: 0, structure: [],
  };
  const structure = new Set<string>();
  const visible: string[] = [];
  const hidden: string[] = [];
  let visibleLen = 0;
  let hiddenLen = 0;
  const stack: Frame[] = [{ tag: '#root', hidden: '', colour: 0x000000, bg: 0xffffff }];
  let link: HtmlLink | null = null;
  let lower: string | null = null;

  const text = (raw: string) => {
    if (!raw) return;
    const t = raw.includes('&') ? decodeEntities(raw) : raw;
    const top = stack[stack.length - 1];
    const letters = letterCount(t);
    const how = top.hidden || (letters && closeColours(top.colour, top.bg) ? 'color' : '');
    if (how) {
      if (how === 'display') info.hidden.display += letters;
      else if (how === 'tiny') info.hidden.tiny += letters;
      else info.hidden.color += letters;
      if (hiddenLen < MAX_HIDDEN) {
        hidden.push(t);
        hiddenLen += t.length;
      }
      return;
    }
    if (visibleLen < MAX_VISIBLE) {
      visible.push(t);
      visibleLen += t.length;
    }
    if (link && link.text.length < MAX_LINK_TEXT) link.text += t;
  };

  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const e = html.indexOf('-->', lt + 4);
      i = e === -1 ? n : e + 3; // a comment splits nothing: "V<!-- -->iagra" reads "Viagra"
      continue;
    }
    const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(lt, lt + 40));
    if (!m) {
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        const e = html.indexOf('>', lt);
        i = e === -1 ? n : e + 1;
      } else {
        text('<');
        i = lt + 1;
      }
      continue;
    }
    // End of the tag, skipping quoted attribute values (bounded: a runaway quote ends at 8 KB).
    let j = lt + m[0].length;
    let quote = '';
    const limit = Math.min(n, j + 8192);
    for (; j < limit; j++) {
      const c = html[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    const body = html.slice(lt + m[0].length, j);
    i = j + 1;
    const tag = m[2].toLowerCase();
    const closing = m[1] === '/';
    if (structure.size < MAX_STRUCTURE) structure.add('t:' + tag);

    if (closing) {
      if (tag === 'a') link = null;
      for (let k = stack.length - 1; k > 0 && k >= stack.length - 32; k--) {
        if (stack[k].tag === tag) {
          stack.length = k;
          break;
        }
      }
      if (BLOCK.has(tag)) text('\n');
      continue;
    }
    if (SKIP_CONTENT.has(tag)) {
      if (tag === 'script') info.scripts++;
      lower ??= html.toLowerCase();
      const close = lower.indexOf('</' + tag, i);
      // A <head> never closed would swallow the whole body: then only its tag is skipped.
      if (close !== -1) i = close;
      else if (tag !== 'head') i = n;
      continue;
    }
    const attrs = attributes(body);
    if (structure.size < MAX_STRUCTURE) for (const a of attrs.keys()) structure.add('a:' + a);
    const parent = stack[stack.length - 1];
    const frame: Frame = { tag, hidden: parent.hidden, colour: parent.colour, bg: parent.bg };
    const css = attrs.has('style') ? cssDeclarations(attrs.get('style')!) : null;
    if (css) {
      for (const p of css.keys()) if (structure.size < MAX_STRUCTURE) structure.add('c:' + p);
      const display = css.get('display');
      const maxHeight = css.get('max-height');
      if (
        display === 'none' ||
        css.get('visibility') === 'hidden' ||
        css.get('opacity') === '0' ||
        css.get('mso-hide') === 'all' ||
        (maxHeight !== undefined && /^0(px)?$/.test(maxHeight) && css.get('overflow') === 'hidden')
      ) {
        frame.hidden = 'display';
      } else if (!frame.hidden && tinyFont(css.get('font-size'))) frame.hidden = 'tiny';
      const c = parseColour(css.get('color'));
      if (c !== null) frame.colour = c;
      const bg = parseColour(css.get('background-color')) ?? parseColour(css.get('background')?.split(/\s+/).find((w) => parseColour(w) !== null));
      if (bg !== null) frame.bg = bg;
    }
    if (attrs.has('hidden')) frame.hidden = 'display';
    if (tag === 'font') {
      const c = parseColour(attrs.get('color'));
      if (c !== null) frame.colour = c;
      if (!frame.hidden && /^\s*0\s*$/.test(attrs.get('size') ?? '')) frame.hidden = 'tiny';
    }
    const bgAttr = parseColour(attrs.get('bgcolor'));
    if (bgAttr !== null) frame.bg = bgAttr;
    if (tag === 'body') {
      const tc = parseColour(attrs.get('text'));
      if (tc !== null) frame.colour = tc;
    }

    if (tag === 'a' && attrs.has('href') && info.links.length < MAX_LINKS) {
      link = { href: attrs.get('href')!.trim(), text: '' };
      info.links.push(link);
    } else if (tag === 'img') {
      info.images++;
      const alt = attrs.get('alt');
      if (alt && link && link.text.length < MAX_LINK_TEXT) link.text += alt;
    } else if (tag === 'form') {
      info.forms++;
      if (info.formActions.length < 20) info.formActions.push(attrs.get('action') ?? '');
    } else if (tag === 'input') {
      info.inputs++;
      if ((attrs.get('type') ?? '').toLowerCase() === 'password') info.passwordInputs++;
    }
    if (BLOCK.has(tag)) text('\n');
    if (!VOID.has(tag) && !body.endsWith('/') && stack.length < MAX_DEPTH) stack.push(frame);
  }
  info.visibleText = visible.join('').replace(/[ \t\r\f\v\u00a0]+/g, ' ').replace(/ ?\n\s*/g, '\n').trim();
  info.hiddenText = hidden.join('').replace(/\s+/g, ' ').trim();
  for (const l of info.links) l.text = l.text.replace(/\s+/g, ' ').trim();
  info.structure = [...structure];
  return info;
}
