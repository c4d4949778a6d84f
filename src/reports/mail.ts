// The messages that carry our reports: a short text part and the compressed report as a base64
// attachment. DMARC (RFC 7489 7.2.1.1) uses multipart/mixed with an application/gzip file named
// receiver!policy-domain!begin!end.xml.gz; TLS-RPT (RFC 8460 5.3) uses multipart/report with
// report-type="tlsrpt", an application/tlsrpt+gzip part and its TLS-Report-Domain and
// TLS-Report-Submitter header fields. Pure function of its input; everything is 7-bit ASCII.
import { createHash } from 'node:crypto';
import { rfc5322Date } from '../util/dates.js';

export interface ReportMailInput {
  kind: 'dmarc' | 'tls';
  from: string;
  to: string[];
  /** The reported domain and our own name, for the Subject (same form for both kinds). */
  reportDomain: string;
  submitter: string;
  reportId: string;
  date: Date;
  messageId: string;
  text: string;
  filename: string;
  data: Buffer;
}

const CRLF = '\r\n';

/** Printable ASCII only: report ids and domains come from DNS and configuration. */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

function base64Lines(data: Buffer): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

export function buildReportMail(m: ReportMailInput): Buffer {
  const boundary = `=_mailcove_report_${createHash('sha256').update(m.messageId).update(m.data).digest('hex').slice(0, 24)}`;
  const subject = `Report Domain: ${ascii(m.reportDomain)} Submitter: ${ascii(m.submitter)} Report-ID: <${ascii(m.reportId)}>`;
  const contentType = m.kind === 'dmarc' ? `multipart/mixed; boundary="${boundary}"` : `multipart/report; report-type="tlsrpt"; boundary="${boundary}"`;
  const partType = m.kind === 'dmarc' ? 'application/gzip' : 'application/tlsrpt+gzip';
  const filename = ascii(m.filename).replace(/"/g, '');
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to.join(', ')}`,
    // Long subjects fold before "Report-ID", never inside a value.
    `Subject: ${subject.replace(' Report-ID:', `${CRLF} Report-ID:`)}`,
    `Date: ${rfc5322Date(m.date)}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
    'Auto-Submitted: auto-generated',
    ...(m.kind === 'tls' ? [`TLS-Report-Domain: ${ascii(m.reportDomain)}`, `TLS-Report-Submitter: ${ascii(m.submitter)}`] : []),
    `Content-Type: ${contentType}`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
    '',
    m.text.split(/\r?\n/).map(ascii).join(CRLF),
    '',
    `--${boundary}`,
    `Content-Type: ${partType}; name="${filename}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${filename}"`,
    '',
    base64Lines(m.data),
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join(CRLF), 'ascii');
}
