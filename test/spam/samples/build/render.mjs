// Renders the sample specs into .eml files: realistic header blocks per sending platform,
// multipart/alternative bodies with table-layout HTML, CRLF line ends. Deterministic.
import { createHash } from 'node:crypto';

export const RCPT_DOMAIN = 'lakeside-studio.ch';
export const MX = 'mx1.lakeside-studio.ch';

const h = (s, n = 16) => createHash('sha256').update(String(s)).digest('hex').slice(0, n);
const b64 = (s, n = 24) => createHash('sha256').update(String(s)).digest('base64').replace(/[+/=]/g, '').slice(0, n);

export function date(i, offsetMin = 0) {
  const d = new Date(Date.UTC(2024, 4, 2, 7, 13, 0) + i * 5 * 3600_000 + offsetMin * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${d.getUTCDate()} ${mons[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function encodeWord(s) {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
}

export function addr(name, address) {
  if (!name) return `<${address}>`;
  const enc = encodeWord(name);
  return enc !== name ? `${enc} <${address}>` : /[",.@:;<>()[\]]/.test(name) ? `"${name.replace(/"/g, '\\"')}" <${address}>` : `${name} <${address}>`;
}

export function qp(text) {
  const out = [];
  for (const line of text.split('\n')) {
    let enc = '';
    for (const byte of Buffer.from(line, 'utf8')) {
      const c = String.fromCharCode(byte);
      enc += byte === 0x3d || byte > 0x7e || (byte < 0x20 && byte !== 0x09) ? '=' + byte.toString(16).toUpperCase().padStart(2, '0') : c;
    }
    enc = enc.replace(/[ \t]$/, (m) => '=' + m.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
    while (enc.length > 76) {
      let cut = 75;
      if (enc[cut - 1] === '=') cut -= 1;
      else if (enc[cut - 2] === '=') cut -= 2;
      out.push(enc.slice(0, cut) + '=');
      enc = enc.slice(cut);
    }
    out.push(enc);
  }
  return out.join('\r\n');
}

export function base64Lines(text) {
  return Buffer.from(text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n').trimEnd();
}

function encodeBody(text, cte) {
  if (cte === 'quoted-printable') return qp(text);
  if (cte === 'base64') return base64Lines(text);
  return text.replace(/\r?\n/g, '\r\n');
}

export function leaf(type, text, cte = 'quoted-printable', extra = []) {
  return { headers: [['Content-Type', `${type}; charset="utf-8"`], ['Content-Transfer-Encoding', cte], ...extra], body: encodeBody(text, cte) };
}

export function multipart(sub, parts, seed) {
  const boundary = `----=_Part_${h('b' + seed, 8)}_${h('c' + seed + sub, 10)}`;
  const body = parts.map((p) => `--${boundary}\r\n${p.headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${p.body}\r\n`).join('') + `--${boundary}--\r\n`;
  return { headers: [['Content-Type', `multipart/${sub}; boundary="${boundary}"`]], body };
}

export function message(headers, entity) {
  const all = [...headers, ['MIME-Version', '1.0'], ...entity.headers];
  return all.map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n' + entity.body.replace(/\r?\n/g, '\r\n');
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A marketing/notification HTML document: table layout, inline styles, optional hidden preheader,
 * logo, paragraphs (strings; "**x**" bold), optional button and product rows, footer.
 */
export function html({ title, preheader, logo, brand, colour = '#1a73e8', paragraphs = [], button, items = [], footer = [], links = [] }) {
  const para = (p) => `<p style="margin:0 0 16px 0;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;color:#333333;">${esc(p).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`;
  const itemRows = items
    .map((it) => `<tr><td style="padding:8px 0;border-bottom:1px solid #eeeeee;"><img src="${it.img}" width="80" height="80" alt="${esc(it.name)}" style="display:block;border:0;"></td><td style="padding:8px 12px;font-family:Helvetica,Arial,sans-serif;font-size:15px;color:#222222;">${esc(it.name)}<br><span style="color:#777777;font-size:13px;">${esc(it.note ?? '')}</span></td><td align="right" style="padding:8px 0;font-family:Helvetica,Arial,sans-serif;font-size:15px;color:#222222;">${esc(it.price ?? '')}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>@media only screen and (max-width:620px){.container{width:100% !important}}</style></head>
<body style="margin:0;padding:0;background-color:#f4f4f4;">
${preheader ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;color:#f4f4f4;">${esc(preheader)}</div>` : ''}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f4f4"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="border-radius:6px;">
<tr><td style="padding:24px 32px 8px 32px;">${logo ? `<img src="${logo}" width="140" alt="${esc(brand ?? '')}" style="display:block;border:0;">` : `<span style="font-family:Georgia,serif;font-size:22px;color:${colour};">${esc(brand ?? '')}</span>`}</td></tr>
<tr><td style="padding:16px 32px 8px 32px;">
${paragraphs.map(para).join('\n')}
${items.length ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${itemRows}</table>` : ''}
${button ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:16px 0 24px 0;"><tr><td bgcolor="${colour}" style="border-radius:4px;"><a href="${button.href}" style="display:inline-block;padding:12px 24px;font-family:Helvetica,Arial,sans-serif;font-size:16px;color:#ffffff;text-decoration:none;">${esc(button.text)}</a></td></tr></table>` : ''}
${links.map((l) => `<p style="margin:0 0 8px 0;font-family:Helvetica,Arial,sans-serif;font-size:14px;"><a href="${l.href}" style="color:${colour};">${esc(l.text)}</a></p>`).join('\n')}
</td></tr>
<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid #eeeeee;font-family:Helvetica,Arial,sans-serif;font-size:12px;line-height:18px;color:#888888;">
${footer.map((f) => (typeof f === 'string' ? esc(f) : `<a href="${f.href}" style="color:#888888;">${esc(f.text)}</a>`)).join('<br>\n')}
</td></tr></table></td></tr></table></body></html>`;
}

/** Plain-text alternative of the same content. */
export function text({ paragraphs = [], button, items = [], footer = [], links = [] }) {
  const lines = [];
  for (const p of paragraphs) lines.push(p.replace(/\*\*/g, ''), '');
  for (const it of items) lines.push(`- ${it.name}${it.note ? ' (' + it.note + ')' : ''}${it.price ? '  ' + it.price : ''}`);
  if (items.length) lines.push('');
  if (button) lines.push(`${button.text}: ${button.href}`, '');
  for (const l of links) lines.push(`${l.text}: ${l.href}`);
  if (links.length) lines.push('');
  lines.push('--');
  for (const f of footer) lines.push(typeof f === 'string' ? f : `${f.text}: ${f.href}`);
  return lines.join('\n') + '\n';
}

/** Sending-platform header blocks (top of the message first, like a received message). */
export function platformHeaders(esp, { i, fromDomain, rcpt, campaign }) {
  const id = h(`${esp}${i}${fromDomain}`, 12);
  const ip = `${[198, 2, 149, 18, 54, 167, 50, 31][i % 8]}.${(i * 37) % 250}.${(i * 11) % 250}.${10 + (i % 200)}`;
  const rcptEnc = rcpt.replace('@', '=');
  const recv = (host) => ['Received', `from ${host} (${host} [${ip}])\r\n\tby ${MX} (Mailcove) with ESMTPS id ${h('r' + i, 10).toUpperCase()}\r\n\tfor <${rcpt}>; ${date(i, 1)}`];
  const dkim = (d, s) => ['DKIM-Signature', `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${d}; s=${s};\r\n\tt=${1714600000 + i * 18000}; h=From:Subject:Date:To:Message-ID:List-Unsubscribe:Content-Type;\r\n\tbh=${b64('bh' + i, 43)}=;\r\n\tb=${b64('b1' + i, 64)}\r\n\t${b64('b2' + i, 64)}`];
  switch (esp) {
    case 'mailchimp': {
      const n = 40 + (i % 200);
      return {
        headers: [
          ['Return-Path', `<bounce-mc.us${(i % 20) + 1}_${h('u' + i, 9)}.${h('c' + i, 7)}-${rcptEnc}@mail${n}.atl${(i % 9) + 1}1.mcsv.net>`],
          recv(`mail${n}.atl${(i % 9) + 1}1.mcsv.net`),
          dkim('mcsv.net', 'k2'),
          dkim(fromDomain, 'k1'),
          ['X-MC-User', h('mcu' + fromDomain, 25)],
          ['X-Campaign', `mailchimp${h('mcu' + fromDomain, 25)}.${h('cid' + i, 10)}`],
          ['X-campaignid', `mailchimp${h('mcu' + fromDomain, 25)}.${h('cid' + i, 10)}`],
          ['X-Report-Abuse', `Please report abuse for this campaign here: https://mailchimp.com/contact/abuse/?u=${h('mcu' + fromDomain, 25)}&id=${h('cid' + i, 10)}&e=${h('e' + i, 10)}`],
          ['Feedback-ID', `${h('f1' + i, 6)}:${h('f2' + i, 6)}:us${(i % 20) + 1}:mc`],
          ['List-Unsubscribe', `<https://${fromDomain.split('.')[0]}.us${(i % 20) + 1}.list-manage.com/unsubscribe?u=${h('mcu' + fromDomain, 25)}&id=${h('l' + i, 10)}&e=${h('e' + i, 10)}&c=${h('cid' + i, 10)}>, <mailto:unsubscribe-mc.us${(i % 20) + 1}_${h('u' + i, 9)}.${h('c' + i, 7)}-${rcptEnc}@unsubscribe.mailchimpapp.net?subject=unsubscribe>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
          ['List-Id', `${campaign ?? fromDomain} <${h('mcu' + fromDomain, 25)}.${h('l' + i, 10)}.list-id.mcsv.net>`],
        ],
        messageId: `<${h('mid' + i, 32)}@mail${n}.atl${(i % 9) + 1}1.mcsv.net>`,
        track: (url) => `https://${fromDomain.split('.')[0]}.us${(i % 20) + 1}.list-manage.com/track/click?u=${h('mcu' + fromDomain, 25)}&id=${h(url, 10)}&e=${h('e' + i, 10)}`,
      };
    }
    case 'sendgrid': {
      const em = `em${1000 + ((i * 97) % 8000)}.${fromDomain}`;
      return {
        headers: [
          ['Return-Path', `<bounces+${10000 + i * 13}-${h('sg' + i, 4)}-${rcptEnc}@${em}>`],
          recv(`o${i % 9}.ptr${1000 + i}.${em.split('.').slice(1).join('.')}`),
          dkim(fromDomain, 's1'),
          dkim('sendgrid.info', 'smtpapi'),
          ['X-SG-EID', b64('eid' + i, 120)],
          ['X-SG-ID', b64('sgid' + i, 80)],
          ['X-Entity-ID', b64('ent' + i, 22)],
        ],
        messageId: `<${b64('m' + i, 22)}@geopod-ismtpd-${i % 20}>`,
        track: (url) => `https://u${3000000 + i * 7}.ct.sendgrid.net/ls/click?upn=${b64(url, 60)}`,
      };
    }
    case 'ses': {
      const mid = `010${(i % 2) + 0}018f${h('ses' + i, 12)}-${h('s2' + i, 8)}-${h('s3' + i, 4)}-${h('s4' + i, 4)}-${h('s5' + i, 4)}-${h('s6' + i, 12)}-000000`;
      return {
        headers: [
          ['Return-Path', `<${mid}@${i % 2 ? 'amazonses.com' : 'bounce.' + fromDomain}>`],
          recv(`a${(i * 13) % 250}-${(i * 7) % 250}.smtp-out.${i % 3 ? 'eu-west-1' : 'us-east-2'}.amazonses.com`),
          dkim(fromDomain, h('dk' + fromDomain, 32)),
          dkim('amazonses.com', h('dkses', 32)),
          ['Feedback-ID', `1.${i % 3 ? 'eu-west-1' : 'us-east-2'}.${b64('fb' + i, 40)}=:AmazonSES`],
          ['X-SES-Outgoing', `2024.05.${String(2 + (i % 20)).padStart(2, '0')}-54.240.${(i * 3) % 250}.${(i * 9) % 250}`],
        ],
        messageId: `<${mid}@email.amazonses.com>`,
        track: null,
      };
    }
    case 'mailgun': {
      return {
        headers: [
          ['Return-Path', `<bounce+${h('mg' + i, 6)}.${h('mg2' + i, 6)}-${rcptEnc}@mg.${fromDomain}>`],
          recv(`m${(i * 31) % 250}-${(i * 17) % 250}.mailgun.net`),
          dkim(`mg.${fromDomain}`, 'mx'),
          ['X-Mailgun-Sid', b64('sid' + i, 60)],
        ],
        messageId: `<${Math.floor(1714600000 + i * 18000)}.${h('mgm' + i, 16)}@mg.${fromDomain}>`,
        track: (url) => `https://email.mg.${fromDomain}/c/${b64(url, 80)}`,
      };
    }
    case 'postmark': {
      const uuid = `${h('pm1' + i, 8)}-${h('pm2' + i, 4)}-${h('pm3' + i, 4)}-${h('pm4' + i, 4)}-${h('pm5' + i, 12)}`;
      return {
        headers: [
          ['Return-Path', `<pm_bounces@pm-bounces.${fromDomain}>`],
          recv(`sc-ord-mta${100 + (i % 40)}.mtasv.net`),
          dkim(fromDomain, `${1714600000 + i}pm`),
          dkim('pm.mtasv.net', 'pm20240501'),
          ['X-PM-Message-Id', uuid],
          ['X-PM-Message-Stream', 'outbound'],
          ['Feedback-ID', `s${4000000 + i}-${h('pmf' + i, 16)}:s${4000000 + i}:a${300000 + i}:postmark`],
        ],
        messageId: `<${uuid}@mtasv.net>`,
        track: null,
      };
    }
    case 'mandrill': {
      return {
        headers: [
          ['Return-Path', `<bounce-md_${31000000 + i}.${h('md' + i, 12)}.v1-${h('md2' + i, 32)}@bounce.${fromDomain}>`],
          recv(`mail${180 + (i % 30)}-${(i % 9) + 1}.suw${(i % 40) + 10}.mandrillapp.com`),
          dkim('mandrillapp.com', 'mandrill'),
          dkim(fromDomain, 'mte1'),
          ['X-Mandrill-User', `md_${31000000 + i}`],
          ['Feedback-ID', `${31000000 + i}:${31000000 + i}.${1714600000 + i}:md`],
        ],
        messageId: `<${h('mdm' + i, 32)}.${1714600000 + i * 7}@mail${180 + (i % 30)}.suw${(i % 40) + 10}.mandrillapp.com>`,
        track: (url) => `https://mandrillapp.com/track/click/${31000000 + i}/${fromDomain}?p=${b64(url, 90)}`,
      };
    }
    case 'brevo': {
      return {
        headers: [
          ['Return-Path', `<bounces-${h('br' + i, 10)}@sender-sib.com>`],
          recv(`smtp-relay-out${i % 9}.sender-sib.com`),
          dkim(fromDomain, 'mail'),
          dkim('sendinblue.com', 'mail'),
          ['X-Mailin-EID', b64('eid' + i, 40)],
          ['X-sib-id', b64('sib' + i, 60)],
          ['List-Unsubscribe', `<https://${h('sub' + i, 6)}.r.${i % 2 ? 'sender-sib.com' : 'bh.d.sendibt3.com'}/tr/un/${b64('un' + i, 70)}>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ],
        messageId: `<${h('brm' + i, 36)}@smtp-relay.sendinblue.com>`,
        track: (url) => `https://${h('tr' + i, 6)}.r.bh.d.sendibt3.com/tr/cl/${b64(url, 80)}`,
      };
    }
    case 'mailjet': {
      return {
        headers: [
          ['Return-Path', `<${b64('mj' + i, 20)}@bnc3.mailjet.com>`],
          recv(`o${(i * 7) % 99}.p${(i * 3) % 60}.mailjet.com`),
          dkim(fromDomain, 'mailjet'),
          dkim('mailjet.com', 'mailjet'),
          ['X-MJ-Mid', b64('mid' + i, 40)],
          ['X-CSA-Complaints', 'csa-complaints@eco.de'],
          ['List-Unsubscribe', `<mailto:unsub-${h('un' + i, 12)}@unsub-bnc3.mailjet.com>, <https://${h('u' + i, 6)}.mjt.lu/unsub2?hl=en&m=${b64('m' + i, 20)}>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ],
        messageId: `<${h('mjm' + i, 8)}.${h('mjm2' + i, 20)}@mailjet.com>`,
        track: (url) => `https://${h('t' + i, 6)}.mjt.lu/lnk/${b64(url, 70)}`,
      };
    }
    case 'klaviyo': {
      return {
        headers: [
          ['Return-Path', `<bounces+${h('kl' + i, 10)}@send.${fromDomain}>`],
          recv(`ip-${(i * 3) % 250}.${(i * 5) % 250}.klaviyomail.com`),
          dkim(fromDomain, 'kl'),
          dkim('klaviyomail.com', 'kl2'),
          ['List-Unsubscribe', `<https://manage.kmail-lists.com/subscriptions/unsubscribe?a=${h('kla' + fromDomain, 6)}&c=${h('klc' + i, 26)}>, <mailto:unsubscribe-${h('klu' + i, 20)}@klaviyomail.com>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ],
        messageId: `<${h('klm' + i, 30)}@klaviyomail.com>`,
        track: (url) => `https://ctrk.klclick1.com/l/${b64(url, 60)}`,
      };
    }
    case 'constantcontact': {
      return {
        headers: [
          ['Return-Path', `<${h('cc' + i, 20)}@in.constantcontact.com>`],
          recv(`ccm${(i % 30) + 1}.constantcontact.com`),
          dkim('auth.ccsend.com', '1000073432'),
          ['X-Roving-Id', `${1100000000000 + i * 1777}.${1000 + i}`],
          ['X-Roving-Campaignid', `${1110000000000 + i * 31}`],
          ['List-Unsubscribe', `<https://visitor.constantcontact.com/do?p=un&m=${b64('ccu' + i, 22)}&se=${b64('se' + i, 30)}>`],
          ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
        ],
        messageId: `<${1110000000000 + i * 31}.${1714600000 + i}@ccsend.com>`,
        track: (url) => `https://r20.rs6.net/tn.jsp?f=${b64(url, 60)}&c=${b64('c' + i, 20)}`,
      };
    }
    case 'own': // the sender's own mail servers
    default: {
      return {
        headers: [
          ['Return-Path', `<bounce-${h('own' + i, 8)}@${fromDomain}>`],
          recv(`mail${(i % 4) + 1}.${fromDomain}`),
          dkim(fromDomain, `s${2024 + (i % 2)}`),
        ],
        messageId: `<${h('ownm' + i, 24)}.${1714600000 + i}@${fromDomain}>`,
        track: null,
      };
    }
  }
}
