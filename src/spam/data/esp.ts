// Email service providers: how their mail can be recognised (header fields they add, domains in
// Return-Path, DKIM d= and Message-ID) and what they mostly send. "bulk" platforms carry
// newsletters and promotions, "transactional" ones receipts and notifications; some do both, and
// then the content decides. Their click-tracking domains let a link whose text names the brand
// point elsewhere without that being a mismatch.

export interface EspFingerprint {
  name: string;
  kind: 'bulk' | 'transactional' | 'both';
  /** Lower-case header field names only this platform adds. */
  headers: string[];
  /** Registrable domains seen in its Return-Path, DKIM d= or Message-ID. */
  domains: string[];
  /** Link/click-tracking domains (registrable). */
  tracking: string[];
}

export const ESPS: EspFingerprint[] = [
  { name: 'Mailchimp', kind: 'bulk', headers: ['x-mc-user', 'x-campaign', 'x-campaignid', 'x-report-abuse'], domains: ['mcsv.net', 'mcdlv.net', 'rsgsv.net', 'mailchimpapp.net'], tracking: ['list-manage.com', 'mailchi.mp'] },
  { name: 'Mandrill', kind: 'transactional', headers: ['x-mandrill-user', 'x-mc-metadata'], domains: ['mandrillapp.com'], tracking: ['mandrillapp.com'] },
  { name: 'SendGrid', kind: 'both', headers: ['x-sg-eid', 'x-sg-id', 'x-smtpapi'], domains: ['sendgrid.net', 'sendgrid.info', 'sendgrid.com'], tracking: ['sendgrid.net', 'ct.sendgrid.net'] },
  { name: 'Amazon SES', kind: 'both', headers: ['x-ses-outgoing', 'x-ses-configuration-set'], domains: ['amazonses.com'], tracking: ['awstrack.me'] },
  { name: 'Mailgun', kind: 'both', headers: ['x-mailgun-sid', 'x-mailgun-variables', 'x-mailgun-tag'], domains: ['mailgun.org', 'mailgun.net', 'mailgun.info'], tracking: ['mailgun.org'] },
  { name: 'Postmark', kind: 'transactional', headers: ['x-pm-message-id', 'x-pm-message-stream', 'x-pm-tag'], domains: ['mtasv.net', 'postmarkapp.com'], tracking: ['pstmrk.it'] },
  { name: 'SparkPost', kind: 'both', headers: ['x-msfbl', 'x-msys-api'], domains: ['sparkpostmail.com', 'sparkpost.com'], tracking: ['spgo.io'] },
  { name: 'Brevo', kind: 'both', headers: ['x-mailin-eid', 'x-sib-id', 'x-mailin-campaign', 'x-mailin-client'], domains: ['sendinblue.com', 'brevo.com', 'sender-sib.com'], tracking: ['sendibt3.com', 'sendibm3.com', 'brevo.com'] },
  { name: 'Mailjet', kind: 'both', headers: ['x-mj-mid', 'x-mailjet-campaign', 'x-mj-smtpguid'], domains: ['mailjet.com'], tracking: ['mjt.lu'] },
  { name: 'Klaviyo', kind: 'bulk', headers: [], domains: ['klaviyomail.com', 'klaviyo.com', 'klaviyodns.com'], tracking: ['klclick.com', 'klclick1.com', 'klclick3.com'] },
  { name: 'Constant Contact', kind: 'bulk', headers: ['x-roving-id', 'x-roving-campaignid'], domains: ['constantcontact.com', 'ccsend.com'], tracking: ['constantcontact.com', 'rs6.net'] },
  { name: 'Campaign Monitor', kind: 'bulk', headers: [], domains: ['createsend.com', 'cmail19.com', 'cmail20.com', 'createsend1.com'], tracking: ['createsend1.com', 'cmail19.com', 'cmail20.com'] },
  { name: 'Salesforce Marketing Cloud', kind: 'both', headers: ['x-sfmc-stack', 'x-job'], domains: ['exacttarget.com', 'sfmc-content.com', 'mc.salesforce.com'], tracking: ['exacttarget.com'] },
  { name: 'HubSpot', kind: 'bulk', headers: [], domains: ['hubspotemail.net', 'hubspotstarter.net', 'hs-mail.com'], tracking: ['hubspotlinks.com', 'hs-sites.com'] },
  { name: 'Marketo', kind: 'bulk', headers: [], domains: ['mktomail.com', 'mktdns.com'], tracking: ['mktoweb.com', 'mkt4250.com'] },
  { name: 'Customer.io', kind: 'both', headers: [], domains: ['customeriomail.com', 'customer.io'], tracking: ['customeriomail.com'] },
  { name: 'Substack', kind: 'bulk', headers: [], domains: ['substack.com', 'mg1.substack.com'], tracking: ['substack.com'] },
  { name: 'Zendesk', kind: 'transactional', headers: ['x-zendesk-from-account-id'], domains: ['zendesk.com'], tracking: [] },
  { name: 'Stripe', kind: 'transactional', headers: [], domains: ['stripe.com'], tracking: ['stripe.com'] },
];

export const ESP_HEADERS = new Map<string, EspFingerprint>(ESPS.flatMap((e) => e.headers.map((h) => [h, e] as const)));
export const ESP_DOMAINS = new Map<string, EspFingerprint>(ESPS.flatMap((e) => e.domains.map((d) => [d, e] as const)));
export const TRACKING_DOMAINS = new Set<string>(ESPS.flatMap((e) => e.tracking));
