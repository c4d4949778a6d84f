// IMAP ENVELOPE data (RFC 3501 7.4.2, RFC 9051 7.5.2). All strings are the
// raw header text (encoded words are NOT decoded: clients do that).
import { DEFAULT_MAX_ADDRESSES, isGroup, parseAddressList, type AddressNode } from './addresses.js';
import { getHeaders, getLastHeader, type HeaderField } from './headers.js';

/** One IMAP address: (name adl mailbox host). */
export interface EnvelopeAddress {
  name: string | null;
  adl: string | null;
  mailbox: string | null;
  host: string | null;
}

export interface Envelope {
  date: string | null;
  subject: string | null;
  from: EnvelopeAddress[] | null;
  sender: EnvelopeAddress[] | null;
  replyTo: EnvelopeAddress[] | null;
  to: EnvelopeAddress[] | null;
  cc: EnvelopeAddress[] | null;
  bcc: EnvelopeAddress[] | null;
  inReplyTo: string | null;
  messageId: string | null;
}

/** An ENVELOPE with every field NIL (used for unparseable encapsulated messages). */
export function emptyEnvelope(): Envelope {
  return {
    date: null, subject: null, from: null, sender: null, replyTo: null,
    to: null, cc: null, bcc: null, inReplyTo: null, messageId: null,
  };
}

/**
 * Address nodes to IMAP form. Groups become a start marker
 * (NIL NIL "name" NIL), the members, and an end marker (NIL NIL NIL NIL)
 * (RFC 3501 7.4.2). A real address must never have a NIL host, or it would
 * read as a group marker, so missing parts are filled the way Dovecot does.
 */
export function toEnvelopeAddresses(nodes: AddressNode[]): EnvelopeAddress[] | null {
  const out: EnvelopeAddress[] = [];
  for (const n of nodes) {
    if (isGroup(n)) {
      out.push({ name: null, adl: null, mailbox: n.group, host: null });
      for (const m of n.members) out.push(mailboxToImap(m));
      out.push({ name: null, adl: null, mailbox: null, host: null });
    } else {
      out.push(mailboxToImap(n));
    }
  }
  return out.length ? out : null;
}

function mailboxToImap(m: { name: string | null; route: string | null; mailbox: string | null; host: string | null }): EnvelopeAddress {
  return {
    name: m.name || null,
    adl: m.route || null,
    mailbox: m.mailbox ?? 'MISSING_MAILBOX',
    host: m.host ?? 'MISSING_DOMAIN',
  };
}

/**
 * Build the ENVELOPE from a header block. Matching Dovecot: string fields use
 * the last occurrence of the header (trailing whitespace trimmed); address
 * fields concatenate all occurrences; Sender and Reply-To default to From
 * when absent or empty (RFC 3501 7.4.2).
 */
export function buildEnvelope(headers: HeaderField[], maxAddresses = DEFAULT_MAX_ADDRESSES): Envelope {
  const str = (name: string): string | null => {
    const v = getLastHeader(headers, name);
    return v === null ? null : v.trimEnd();
  };
  let budget = maxAddresses;
  const addrs = (name: string): EnvelopeAddress[] | null => {
    const nodes: AddressNode[] = [];
    for (const v of getHeaders(headers, name)) {
      if (budget <= 0) break;
      const parsed = parseAddressList(v, { maxAddresses: budget });
      for (const n of parsed) budget -= isGroup(n) ? 1 + n.members.length : 1;
      nodes.push(...parsed);
    }
    return toEnvelopeAddresses(nodes);
  };
  const from = addrs('from');
  return {
    date: str('date'),
    subject: str('subject'),
    from,
    sender: addrs('sender') ?? from,
    replyTo: addrs('reply-to') ?? from,
    to: addrs('to'),
    cc: addrs('cc'),
    bcc: addrs('bcc'),
    inReplyTo: str('in-reply-to'),
    messageId: str('message-id'),
  };
}
