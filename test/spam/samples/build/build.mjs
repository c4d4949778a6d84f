// Writes test/spam/samples/<kind>/NN-<slug>.eml from the specs beside this file:
//   node test/spam/samples/build/build.mjs
// The .eml files are committed; rerunning gives the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addr, date, encodeWord, html, leaf, message, multipart, platformHeaders, text, MX, RCPT_DOMAIN } from './render.mjs';
import { promotions } from './promotions.mjs';
import { social } from './social.mjs';
import { transactional } from './transactional.mjs';
import { bounces } from './bounces.mjs';
import { phishing } from './phishing.mjs';
import { normal } from './normal.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RCPT = `alice@${RCPT_DOMAIN}`;
const slug = (s) => s.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_]+/g, '-').slice(0, 40);
const domainOf = (a) => a.split('@')[1];

function write(kind, n, subject, raw) {
  const dir = path.join(out, kind);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${String(n).padStart(2, '0')}-${slug(subject) || kind}.eml`), raw);
}

const FOOTERS = {
  en: (brand, unsub, pref) => [`You are receiving this email because you subscribed to ${brand} news.`, { text: 'Unsubscribe', href: unsub }, { text: 'Update your preferences', href: pref }, `${brand}, Bahnhofstrasse 10, 8001 Zurich, Switzerland`],
  de: (brand, unsub, pref) => [`Sie erhalten diese E-Mail, weil Sie den Newsletter von ${brand} abonniert haben.`, { text: 'Abmelden', href: unsub }, { text: 'Einstellungen ändern', href: pref }, `${brand}, Hauptstrasse 5, 3011 Bern`],
  fr: (brand, unsub, pref) => [`Vous recevez cet e-mail car vous êtes inscrit·e à la lettre de ${brand}.`, { text: 'Se désabonner', href: unsub }, { text: 'Gérer mes préférences', href: pref }, `${brand}, rue du Marché 3, 1204 Genève`],
};

function bulk(kind, i, s, { footer }) {
  const fromDomain = domainOf(s.from);
  const p = platformHeaders(s.esp ?? 'own', { i, fromDomain, rcpt: RCPT, campaign: s.name });
  const track = p.track ?? ((u) => u);
  const site = `https://${fromDomain.replace(/^(news|mail|email)\./, '')}`;
  const unsub = `${site}/unsubscribe?e=${Buffer.from(RCPT).toString('hex').slice(0, 16)}`;
  const content = {
    title: s.subject, brand: s.name, preheader: s.pre, colour: ['#1a73e8', '#2e7d32', '#c2185b', '#ef6c00', '#6a1b9a', '#00838f'][i % 6],
    logo: i % 3 ? `${site}/assets/email/logo.png` : undefined,
    paragraphs: s.paragraphs, items: (s.items ?? []).map((it, k) => ({ ...it, img: `${site}/img/p${k}.jpg` })),
    button: s.button ? { text: s.button, href: track(s.url) } : undefined,
    links: (s.links ?? []).map(([t, u]) => ({ text: t, href: track(u) })),
    footer: footer ? footer(s.name, track(unsub), track(`${site}/preferences`)) : [`${s.name} · this is an automated message, please do not reply.`],
  };
  const headers = [...p.headers];
  if ((s.list || footer) && !headers.some(([k]) => k === 'List-Unsubscribe')) {
    headers.push(['List-Unsubscribe', `<${unsub}>, <mailto:unsubscribe@${fromDomain}?subject=unsubscribe>`], ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click']);
  }
  if (kind === 'promotion' && i % 4 === 0) headers.push(['Precedence', 'bulk']);
  headers.push(...(s.extra ?? []));
  headers.push(['From', addr(s.name, s.from)], ['To', RCPT], ['Subject', encodeWord(s.subject)], ['Date', date(i)], ['Message-ID', p.messageId]);
  if (s.replyTo) headers.push(['Reply-To', s.replyTo]);
  const cte = i % 5 === 0 ? 'base64' : 'quoted-printable';
  const entity = s.plainOnly
    ? leaf('text/plain', text({ ...content, links: [], footer: content.footer }), 'quoted-printable')
    : multipart('alternative', [leaf('text/plain', text(content), 'quoted-printable'), leaf('text/html', html(content), cte)], kind + i);
  return message(headers, entity);
}

promotions.forEach((s, k) => write('promotion', k + 1, s.subject, bulk('promotion', k + 1, s, { footer: FOOTERS[s.lang ?? 'en'] })));
social.forEach((s, k) => {
  const footer = (brand, unsub) => [`This message was sent to ${RCPT}. If you don't want to receive these emails from ${brand} in the future, please unsubscribe.`, { text: 'Unsubscribe', href: unsub }, `${brand}`];
  write('social', k + 1, s.subject, bulk('social', 100 + k, { ...s, esp: ['own', 'ses', 'sendgrid', 'own'][k % 4] }, { footer }));
});
transactional.forEach((s, k) => write('transactional', k + 1, s.subject, bulk('transactional', 200 + k, s, { footer: null })));
bounces.forEach((f, k) => {
  const { headers, entity } = f(300 + k);
  write('bounce', k + 1, headers.find(([n]) => n === 'Subject')[1], message(headers, entity));
});

phishing.forEach((s, k) => {
  const i = 400 + k;
  const relay = s.relay;
  const ip = `${[185, 45, 91, 194, 103, 5][k % 6]}.${(k * 41) % 250}.${(k * 13) % 250}.${20 + k}`;
  const headers = [
    ['Return-Path', `<${s.freemail ? s.from : 'bounce@' + domainOf(s.from)}>`],
    ['Received', `from ${relay} (${relay} [${ip}])\r\n\tby ${MX} (Mailcove) with ESMTP\r\n\tfor <${RCPT}>; ${date(i, 2)}`],
    ['From', addr(s.fromName, s.from)], ['To', RCPT], ['Subject', encodeWord(s.subject)], ['Date', date(i)],
    ['Message-ID', `<${(i * 7919).toString(36)}${k}@${k % 3 === 0 ? relay : domainOf(s.from)}>`],
  ];
  if (k % 4 === 1) headers.push(['X-Mailer', 'PHPMailer 6.8.0 (https://github.com/PHPMailer/PHPMailer)']);
  const content = { title: s.subject, brand: s.fromName, paragraphs: s.paragraphs, button: s.button, links: s.link ? [s.link] : [], footer: [`© 2024 ${s.fromName}. All rights reserved.`] };
  let entity = multipart('alternative', [leaf('text/plain', text({ ...content, links: s.link ? [{ text: s.link.text, href: s.link.href }] : [] })), leaf('text/html', html(content), k % 2 ? 'base64' : 'quoted-printable')], 'ph' + i);
  if (s.attachment) {
    entity = multipart('mixed', [entity, { headers: [['Content-Type', `text/html; charset="utf-8"; name="${s.attachment.filename}"`], ['Content-Disposition', `attachment; filename="${s.attachment.filename}"`], ['Content-Transfer-Encoding', 'base64']], body: Buffer.from(s.attachment.html).toString('base64').replace(/.{1,76}/g, '$&\r\n').trimEnd() }], 'phm' + i);
  }
  write('phishing', k + 1, s.subject, message(headers, entity));
});

normal.forEach((s, k) => {
  const i = 500 + k;
  const [name, from] = s.from;
  const headers = [
    ['Return-Path', `<${s.list ? 'typo-list-bounces@lists.typo-forum.org' : from}>`],
    ['Received', `from ${s.list ? 'lists.typo-forum.org' : 'smtp.' + domainOf(from)} (${s.list ? 'lists.typo-forum.org' : 'smtp.' + domainOf(from)} [192.0.2.${30 + k}])\r\n\tby ${MX} (Mailcove) with ESMTPS\r\n\tfor <${RCPT}>; ${date(i, 1)}`],
    ['From', addr(name, from)], ['To', s.list ? 'typo-list@lists.typo-forum.org' : RCPT], ['Subject', s.subject], ['Date', date(i)],
    ['Message-ID', `<${(i * 104729).toString(36)}@${domainOf(from)}>`],
  ];
  if (s.reply) headers.push(['In-Reply-To', `<${(i * 31).toString(36)}@lakeside-studio.ch>`], ['References', `<${(i * 31).toString(36)}@lakeside-studio.ch>`]);
  if (s.list) {
    headers.push(['List-Id', 'Type design discussion <typo-list.lists.typo-forum.org>'], ['List-Post', '<mailto:typo-list@lists.typo-forum.org>'],
      ['List-Unsubscribe', '<https://lists.typo-forum.org/mailman/options/typo-list>, <mailto:typo-list-request@lists.typo-forum.org?subject=unsubscribe>'],
      ['List-Archive', '<https://lists.typo-forum.org/pipermail/typo-list/>'], ['Precedence', 'list'], ['X-Mailman-Version', '2.1.39']);
  } else headers.push(['User-Agent', ['Mozilla Thunderbird', 'Apple Mail (2.3774)', 'Roundcube Webmail/1.6.6'][k % 3]]);
  let entity = leaf('text/plain', s.text, k % 2 ? '8bit' : 'quoted-printable');
  if (s.attach) entity = multipart('mixed', [entity, { headers: [['Content-Type', 'text/plain; charset=utf-8; name="kerning-italic.txt"'], ['Content-Disposition', 'attachment; filename="kerning-italic.txt"']], body: 'f o  -30\r\nf a  -20\r\nr o  -15\r\n' }], 'n' + i);
  write('normal', k + 1, s.subject, message(headers, entity));
});
console.log('samples written to', out);
