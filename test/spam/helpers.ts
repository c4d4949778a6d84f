// Building messages for the spam tests: header lines plus a body, CRLF, parsed as the pipeline does.
import { parseMessage } from '../../src/mime/index.js';
import { loadShippedModels, type ClassifyMessage } from '../../src/spam/index.js';

export const RECEIVED_AT = Date.parse('2024-05-10T10:00:00Z');
export const DATE = 'Fri, 10 May 2024 09:58:00 +0000';

export function message(raw: string | Buffer): ClassifyMessage {
  const buf = typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8') : raw;
  return { raw: buf, parsed: parseMessage(buf) };
}

/** A plain message with sane defaults; `headers` replaces or adds fields (null removes one). */
export function mail(opts: { headers?: Record<string, string | null>; body?: string; html?: string } = {}): ClassifyMessage {
  const h: Record<string, string | null> = {
    From: 'Nadia Rossi <nadia@bergwerk-design.ch>',
    To: 'alice@lakeside-studio.ch',
    Subject: 'Slides from the meetup',
    Date: DATE,
    'Message-ID': '<a1b2c3@bergwerk-design.ch>',
    'MIME-Version': '1.0',
    ...(opts.headers ?? {}),
  };
  let body = opts.body ?? 'Hi Alice,\n\nthanks for the slides. Coffee next week?\n\nNadia\n';
  if (opts.html !== undefined) {
    h['Content-Type'] = 'text/html; charset=utf-8';
    body = opts.html;
  } else h['Content-Type'] ??= 'text/plain; charset=utf-8';
  const head = Object.entries(h).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join('\n');
  return message(`${head}\n\n${body}`);
}

let models: ReturnType<typeof loadShippedModels> | null = null;
/** The models shipped in src/spam/data (loaded once per test file). */
export function shipped(): ReturnType<typeof loadShippedModels> {
  models ??= loadShippedModels();
  return models;
}
