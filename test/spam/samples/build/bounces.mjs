// Delivery status notifications (10): RFC 3464 reports from several MTAs and the older
// free-text kinds. Written for Mailcove's tests.
import { date, multipart, leaf } from './render.mjs';

const original = (i, to, subject) =>
  `Return-Path: <alice@lakeside-studio.ch>\r\nFrom: Alice Brunner <alice@lakeside-studio.ch>\r\nTo: <${to}>\r\nSubject: ${subject}\r\nDate: ${date(i, -30)}\r\nMessage-ID: <${20240500 + i}.alice@lakeside-studio.ch>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n`;

function report(i, { mta, reportingMta, to, status, action = 'failed', diag, human, subject, from, origSubject, headersOnly = true }) {
  const ds = `Reporting-MTA: dns; ${reportingMta}\r\nX-Postfix-Queue-ID: ${(0x3f1a2b + i * 977).toString(16).toUpperCase()}\r\nArrival-Date: ${date(i, -30)}\r\n\r\nFinal-Recipient: rfc822; ${to}\r\nOriginal-Recipient: rfc822;${to}\r\nAction: ${action}\r\nStatus: ${status}\r\nRemote-MTA: dns; ${to.split('@')[1]}\r\nDiagnostic-Code: smtp; ${diag}\r\n`;
  const body = multipart('report; report-type=delivery-status', [
    { headers: [['Content-Description', 'Notification'], ['Content-Type', 'text/plain; charset=us-ascii']], body: human.replace(/\n/g, '\r\n') },
    { headers: [['Content-Description', 'Delivery report'], ['Content-Type', 'message/delivery-status']], body: ds },
    headersOnly
      ? { headers: [['Content-Description', 'Undelivered Message Headers'], ['Content-Type', 'text/rfc822-headers']], body: original(i, to, origSubject) }
      : { headers: [['Content-Description', 'Undelivered Message'], ['Content-Type', 'message/rfc822']], body: original(i, to, origSubject) + '\r\nHi, sending the figures we discussed.\r\n' },
  ], 'dsn' + i);
  return {
    headers: [
      ['Return-Path', '<>'],
      ['Received', `from ${reportingMta} (${reportingMta} [${[185, 21, 66, 120][i % 4]}.${(i * 7) % 250}.1.${i + 20}])\r\n\tby mx1.lakeside-studio.ch (Mailcove) with ESMTPS\r\n\tfor <alice@lakeside-studio.ch>; ${date(i, 1)}`],
      ['From', from ?? `MAILER-DAEMON@${reportingMta} (Mail Delivery System)`],
      ['To', 'alice@lakeside-studio.ch'],
      ['Subject', subject],
      ['Date', date(i)],
      ['Message-ID', `<${20240600 + i}.${mta}@${reportingMta}>`],
      ['Auto-Submitted', 'auto-replied'],
    ],
    entity: body,
  };
}

function freeText(i, { from, subject, text, reportingMta }) {
  return {
    headers: [
      ['Return-Path', '<>'],
      ['Received', `from ${reportingMta} (${reportingMta} [203.0.113.${i + 40}])\r\n\tby mx1.lakeside-studio.ch (Mailcove) with ESMTP\r\n\tfor <alice@lakeside-studio.ch>; ${date(i, 1)}`],
      ['From', from],
      ['To', 'alice@lakeside-studio.ch'],
      ['Subject', subject],
      ['Date', date(i)],
      ['Message-ID', `<${20240700 + i}.bounce@${reportingMta}>`],
    ],
    entity: leaf('text/plain', text, '7bit'),
  };
}

export const bounces = [
  (i) => report(i, { mta: 'postfix', reportingMta: 'mx1.lakeside-studio.ch', to: 'j.keller@brunnenbau-keller.ch', status: '5.1.1', diag: '550 5.1.1 <j.keller@brunnenbau-keller.ch>: Recipient address rejected: User unknown in virtual mailbox table', subject: 'Undelivered Mail Returned to Sender', origSubject: 'Offer for the garden well',
    human: 'This is the mail system at host mx1.lakeside-studio.ch.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It\'s attached below.\n\nFor further assistance, please send mail to postmaster.\n\n                   The mail system\n\n<j.keller@brunnenbau-keller.ch>: host mail.brunnenbau-keller.ch said: 550 5.1.1\n    <j.keller@brunnenbau-keller.ch>: Recipient address rejected: User unknown in\n    virtual mailbox table (in reply to RCPT TO command)\n' }),
  (i) => report(i, { mta: 'exchange', reportingMta: 'ZRAP278MB0123.CHEP278.PROD.OUTLOOK.COM', to: 'm.fischer@fischer-architekten.ch', status: '5.2.2', diag: '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException', subject: 'Undeliverable: Plans for the second floor', from: 'postmaster@outlook.com', origSubject: 'Plans for the second floor', headersOnly: false,
    human: 'Your message to m.fischer@fischer-architekten.ch couldn\'t be delivered.\n\nThe recipient\'s mailbox is full and can\'t accept messages now. Please try resending your message later, or contact the recipient directly.\n\nm.fischer@fischer-architekten.ch\nOffice 365\n' }),
  (i) => report(i, { mta: 'gmail', reportingMta: 'mail-sor-f41.google.com', to: 'anna.moretti1988@gmail.com', status: '5.1.1', diag: '550-5.1.1 The email account that you tried to reach does not exist.', subject: 'Delivery Status Notification (Failure)', from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', origSubject: 'Photos from Saturday',
    human: '** Address not found **\n\nYour message wasn\'t delivered to anna.moretti1988@gmail.com because the address couldn\'t be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.\n' }),
  (i) => report(i, { mta: 'postfix', reportingMta: 'mx1.lakeside-studio.ch', to: 'info@hotel-alpenrose.at', status: '4.4.1', action: 'delayed', diag: 'connect to mail.hotel-alpenrose.at[198.51.100.25]:25: Connection timed out', subject: 'Delayed Mail (still being retried)', origSubject: 'Room request for June',
    human: 'This is the mail system at host mx1.lakeside-studio.ch.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\nYour message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n' }),
  (i) => report(i, { mta: 'exim', reportingMta: 'mail.webhost-zentral.de', to: 'kontakt@schreinerei-vogt.de', status: '5.3.4', diag: '552 5.3.4 Message size exceeds fixed maximum message size (10485760 bytes)', subject: 'Mail delivery failed: returning message to sender', origSubject: 'Drawings (large attachment)',
    human: 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  kontakt@schreinerei-vogt.de\n    SMTP error from remote mail server after end of data:\n    552 5.3.4 Message size exceeds fixed maximum message size\n' }),
  (i) => report(i, { mta: 'mailcove', reportingMta: 'mx1.lakeside-studio.ch', to: 'sales@old-domain-gone.com', status: '5.1.10', diag: '550 5.1.10 null MX: domain does not accept mail (RFC 7505)', subject: 'Undelivered Mail Returned to Sender', origSubject: 'Quote request',
    human: 'Your message could not be delivered to sales@old-domain-gone.com.\n\nThe domain old-domain-gone.com publishes a null MX record: it does not accept email.\n' }),
  (i) => freeText(i, { reportingMta: 'mail.bergsport-team.ch', from: 'MAILER-DAEMON@mail.bergsport-team.ch', subject: 'failure notice', text:
    'Hi. This is the qmail-send program at mail.bergsport-team.ch.\nI\'m afraid I wasn\'t able to deliver your message to the following addresses.\nThis is a permanent error; I\'ve given up. Sorry it didn\'t work out.\n\n<trainer@bergsport-team.ch>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\nReturn-Path: <alice@lakeside-studio.ch>\nFrom: Alice Brunner <alice@lakeside-studio.ch>\nTo: trainer@bergsport-team.ch\nSubject: Climbing course in June\n\nHello, is there still a place in the June course?\n' }),
  (i) => freeText(i, { reportingMta: 'smtp.kanzlei-huber.at', from: 'Mail Delivery Subsystem <MAILER-DAEMON@smtp.kanzlei-huber.at>', subject: 'Returned mail: see transcript for details', text:
    'The original message was received at Fri, 10 May 2024 09:12:33 +0200\nfrom mx1.lakeside-studio.ch [192.0.2.10]\n\n   ----- The following addresses had permanent fatal errors -----\n<dr.huber@kanzlei-huber.at>\n    (reason: 550 5.7.1 Message rejected as spam by Content Filtering)\n\n   ----- Transcript of session follows -----\n... while talking to mail.kanzlei-huber.at.:\n>>> DATA\n<<< 550 5.7.1 Message rejected as spam by Content Filtering\n554 5.0.0 Service unavailable\n' }),
  (i) => report(i, { mta: 'exchange', reportingMta: 'mail.stadt-example.ch', to: 'bauamt@stadt-example.ch', status: '5.7.1', diag: '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required', subject: 'Unzustellbar: Baugesuch Seefeldstrasse 12', from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@stadt-example.ch>', origSubject: 'Baugesuch Seefeldstrasse 12',
    human: 'Ihre Nachricht hat einige oder alle Empfänger nicht erreicht.\n\nBetreff: Baugesuch Seefeldstrasse 12\n\nDie Nachricht konnte nicht übermittelt werden an: bauamt@stadt-example.ch\nDie Gruppe bauamt akzeptiert nur Nachrichten von internen Absendern.\n' }),
  (i) => report(i, { mta: 'postfix', reportingMta: 'mail.lakeside-studio.ch', to: 'newsletter-bounce@printshop-example.com', status: '5.4.4', diag: 'Host or domain name not found. Name service error for name=printshop-example.com type=AAAA: Host not found', subject: 'Undelivered Mail Returned to Sender', origSubject: 'Re: Print proof for flyers',
    human: 'This is the mail system at host mail.lakeside-studio.ch.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<newsletter-bounce@printshop-example.com>: Host or domain name not found. Name\n    service error for name=printshop-example.com type=AAAA: Host not found\n' }),
];
