// Row types of every table, as Kysely sees them. Times are integer milliseconds since the epoch,
// booleans are 0/1 and structured values are JSON text, so both dialects read the same values.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Id = Generated<number>;

export interface OrganizationsTable { id: Id; name: string; created_at: number }

export interface UsersTable {
  id: Id;
  org_id: number;
  email: string;
  password_hash: string;
  is_admin: number;
  must_change_password: number;
  created_at: number;
}

export interface ApiTokensTable { id: Id; user_id: number; name: string; token_hash: string; created_at: number; last_used_at: number | null }

export interface SessionsTable { id: string; user_id: number; created_at: number; expires_at: number; ip: string | null }

export interface DomainsTable {
  id: Id;
  org_id: number;
  /** ASCII (punycode), lower case. */
  name: string;
  /** Whether the rule builder may offer redirect to this domain's users (migration 012). */
  rules_redirect: Generated<'allow' | 'forbid'>;
  max_recipients_per_message: number | null;
  max_recipients_per_24h: number | null;
  created_at: number;
  /** Whether raw Sieve scripts (ManageSieve, the API) may use redirect; the rule builder's may. */
  sieve_redirect: Generated<SieveRedirectPolicy>;
}

export type SieveRedirectPolicy = 'allow' | 'forbid';

export type MailboxKind = 'mailbox' | 'catchall';

export interface MailboxesTable {
  id: Id;
  domain_id: number;
  address: string;
  local_part: string;
  kind: MailboxKind;
  display_name: string | null;
  quota_bytes: number;
  used_bytes: number;
  max_recipients_per_message: number | null;
  max_recipients_per_24h: number | null;
  created_at: number;
  /** JSON array of addresses this mailbox redirects to; null: none. */
  redirect_targets: string | null;
  /** 1: a redirecting mailbox also keeps its copy; 0: only when nothing was forwarded. */
  redirect_keep_copy: Generated<number>;
  /** What a blocked sender's mail becomes: 'spam' (into Spam) or 'reject' (refused). */
  block_action: Generated<BlockAction>;
  /** IANA zone the responder's schedule is read in; null: UTC. */
  time_zone: Generated<string | null>;
  /** Bumped by triggers whenever a setting the delivery caches for this mailbox changes (migration 016). */
  settings_version: Generated<number>;
}

export type BlockAction = 'spam' | 'reject';

export interface DevicePasswordsTable {
  id: Id;
  mailbox_id: number;
  name: string;
  hash: string;
  created_at: number;
  last_used_at: number | null;
  last_used_ip: string | null;
  revoked_at: number | null;
}

export interface MailboxAccessTable { user_id: number; mailbox_id: number; permissions: string; created_at: number }

export interface AliasesTable { id: Id; domain_id: number; address: string; mailbox_id: number; created_at: number }

/** One block or allow entry; mailbox_id null: the domain's list (all its mailboxes). */
export interface SenderListsTable { id: Id; domain_id: number; mailbox_id: number | null; kind: 'block' | 'allow'; entry: string; created_at: number }

/**
 * An address a user made for one registration. Disabled, expired or deleted ones refuse mail; a
 * deleted one stays as a tombstone (deleted_at) so its address is never reused or caught by the catch-all.
 */
/** A Sieve script of a mailbox; at most one per mailbox is active (`active` = 1). */
export interface SieveScriptsTable {
  id: Id;
  mailbox_id: number;
  name: string;
  content: string;
  active: number;
  /** 1: written by the rule builder from its rules, not by the user. */
  managed: number;
  created_at: number;
  updated_at: number;
}

/** Sieve duplicate (RFC 7352) ids seen per mailbox, until they expire. */
export interface SieveDuplicatesTable { mailbox_id: number; id_hash: string; expires_at: number }

/** A vacation response or notification Sieve sent for a mailbox (kind 'vacation' | 'notify'). */
export interface SieveResponsesTable { id: Id; mailbox_id: number; kind: string; key_hash: string; sent_at: number; expires_at: number }

/** An out-of-office responder of a mailbox; `settings` is JSON (src/responder/settings.ts). */
export interface RespondersTable {
  id: Id;
  mailbox_id: number;
  name: string;
  settings: string;
  active: number;
  /** Bumped by a reset: part of the vacation handle, so earlier responses stop counting. */
  generation: Generated<number>;
  template_id: number | null;
  created_at: number;
  updated_at: number;
}

/** An admin's responder template for a domain; `settings` as a responder's, without From. */
export interface ResponderTemplatesTable {
  id: Id;
  domain_id: number;
  name: string;
  settings: string;
  /** 1: not shown to users. */
  hidden: number;
  /** 1: applied to every new mailbox of the domain (at most one per domain). */
  auto_apply: number;
  created_at: number;
  updated_at: number;
}

/** An alternative From of a mailbox's responders, usable once the code mailed to it is entered. */
export interface ResponderFromAddressesTable {
  id: Id;
  mailbox_id: number;
  address: string;
  code_hash: string | null;
  code_expires_at: number | null;
  attempts: Generated<number>;
  /** When the code was handed to the pipeline; null: still to send. */
  sent_at: number | null;
  verified_at: number | null;
  created_at: number;
}

export interface TemporaryAliasesTable {
  id: Id;
  domain_id: number;
  mailbox_id: number;
  address: string;
  note: string | null;
  /** Folder name mail through it is filed into; null: the Inbox. */
  folder: string | null;
  expires_at: number | null;
  disabled_at: number | null;
  deleted_at: number | null;
  received_count: Generated<number>;
  last_received_at: number | null;
  created_at: number;
}

/** Sender domains (From, else envelope) seen through a temporary alias: who leaked it. */
export interface TemporaryAliasSendersTable { alias_id: number; domain: string; count: number; first_seen_at: number; last_seen_at: number }

export interface RedirectsTable { id: Id; domain_id: number; address: string; targets: string; created_at: number }

export type RedirectConfirmationStatus = 'pending' | 'confirmed';

/** Consent of a target on another server to receive what `origin` (a mailbox or redirect-only address) forwards. */
export interface RedirectConfirmationsTable {
  id: Id;
  origin: string;
  target: string;
  status: RedirectConfirmationStatus;
  /** SHA-256 (hex) of the link's token while one is outstanding; the token itself is only in the mail. */
  token_hash: string | null;
  token_expires_at: number | null;
  /** When the confirmation message was handed to the pipeline; null: still to send. */
  sent_at: number | null;
  confirmed_at: number | null;
  created_at: number;
}

export interface FoldersTable {
  id: Id;
  mailbox_id: number;
  name: string;
  special_use: string | null;
  uidvalidity: number;
  uidnext: number;
  highest_modseq: number;
  /** \Recent: the highest UID some session has already been told of. */
  recent_uid: Generated<number>;
  subscribed: number;
  created_at: number;
}

export interface BlobsTable { hash: string; size: number; refcount: number; created_at: number }

export interface BlobDeletionsTable { hash: string; due_at: number }

export interface MessagesTable {
  id: Id;
  mailbox_id: number;
  folder_id: number;
  uid: number;
  modseq: number;
  flags: string;
  internal_date: number;
  size: number;
  blob_hash: string;
  envelope: string;
  envelope_imap: string | null;
  body_structure: string;
  mime_tree: string;
  message_id: string | null;
  subject: string | null;
  thread_id: number;
  email_type: string;
  delivery_id: string | null;
  created_at: number;
}

export interface MessageTextTable { message_id: number; body: string; headers: string }

export interface ExpungedTable { folder_id: number; uid: number; modseq: number }

export interface DeliveriesTable {
  id: string;
  source: string;
  received_at: number;
  remote_ip: string | null;
  helo: string | null;
  mail_from: string;
  rcpt_to: string;
  message_id: string | null;
  size: number;
  outcome: string;
  trace: string;
}

export interface QueueMessagesTable {
  id: string;
  created_at: number;
  sender: string;
  blob_hash: string;
  size: number;
  delivery_id: string | null;
  /** 'normal', or 'dsn' for our own bounces (never bounced again). */
  kind: string;
}

export type RecipientStatus = 'pending' | 'delivered' | 'failed';

export interface QueueRecipientsTable {
  id: Id;
  queue_id: string;
  recipient: string;
  domain: string;
  status: RecipientStatus;
  attempts: number;
  next_attempt_at: number;
  last_attempt_at: number | null;
  last_reply: string | null;
  delay_notified: number;
  lease_until: number;
  updated_at: number;
  /** A DSN owed for this recipient (JSON: kind and report fields), cleared once it is delivered. */
  dsn_report: string | null;
}

export interface SendLogTable { id: Id; mailbox_id: number; at: number; recipients: number }

export interface DkimKeysTable {
  id: Id;
  domain_id: number;
  selector: string;
  algorithm: 'rsa' | 'ed25519';
  /** PKCS#8 PEM, not encrypted; '' once the key is retired. */
  private_key: string;
  /** The p= value of its DNS record. */
  public_key: string;
  created_at: number;
  /** When a rotation replaced it: it signs no more from then on. */
  superseded_at: number | null;
  /** End of the grace period after a rotation: from then on it is no longer published. */
  retire_at: number | null;
}

/** A DMARC aggregate report received about one of our domains; policy and errors are JSON. */
export interface DmarcReportsTable {
  id: Id;
  org_name: string;
  report_id: string;
  email: string | null;
  domain: string;
  begin_at: number;
  end_at: number;
  policy: string;
  errors: string;
  message_id: string | null;
  received_at: number;
}

export interface DmarcReportRecordsTable {
  id: Id;
  report_id: number;
  source_ip: string;
  count: number;
  disposition: string;
  dkim: string | null;
  spf: string | null;
  header_from: string;
  envelope_from: string | null;
  dkim_results: string;
  spf_results: string;
  reasons: string;
}

export interface TlsReportsTable {
  id: Id;
  org_name: string;
  report_id: string;
  contact_info: string | null;
  begin_at: number;
  end_at: number;
  message_id: string | null;
  received_at: number;
}

export interface TlsReportPoliciesTable {
  id: Id;
  report_id: number;
  policy_domain: string;
  policy_type: string;
  policy_string: string;
  mx_host: string;
  success_count: number;
  failure_count: number;
  failure_details: string;
}

/** Inbound DMARC outcomes counted per UTC day (YYYY-MM-DD), for the reports we send. */
export interface DmarcResultsTable {
  id: Id;
  day: string;
  key: string;
  header_from: string;
  envelope_from: string | null;
  source_ip: string;
  policy: string;
  disposition: string;
  dkim_aligned: string;
  spf_aligned: string;
  override_reason: string | null;
  override_comment: string | null;
  dkim_results: string;
  spf_domain: string;
  spf_scope: string;
  spf_result: string;
  count: number;
}

/** Outbound TLS outcomes per UTC day, for the TLS-RPT reports we send. */
export interface TlsResultsTable {
  id: Id;
  day: string;
  key: string;
  policy_domain: string;
  policy_type: string;
  policy_string: string;
  mx_host: string | null;
  receiving_ip: string | null;
  sending_ip: string | null;
  result: string;
  reason_code: string | null;
  count: number;
}

/** Which day's report each domain got: 'sending' (claimed), 'sent' or 'skipped', with why. */
export interface ReportsSentTable {
  day: string;
  domain: string;
  status: string;
  report_id: string | null;
  detail: string;
  updated_at: number;
}

/** The rule builder's rules of a mailbox: a JSON array in the canonical form (src/sieve/rules). */
export interface SieveRulesTable { mailbox_id: number; rules: string; updated_at: number }

/** A domain rule template: fixed conditions (JSON), the actions a user may pick, the default one. */
export interface SieveRuleTemplatesTable {
  id: Id;
  domain_id: number;
  name: string;
  match: string;
  conditions: string;
  /** JSON array of action types. */
  allowed_actions: string;
  /** JSON action. */
  default_action: string;
  created_at: number;
}

/** A user's choice for a template: the action (JSON, null: the default) and whether it is hidden (not applied). */
export interface SieveRuleTemplateChoicesTable { mailbox_id: number; template_id: number; action: string | null; hidden: number; updated_at: number }
/** Spam filter settings of a mailbox; no row: the defaults (filters on, no rejection, global expiry). */
export interface SpamSettingsTable {
  mailbox_id: number;
  spam_filter: number;
  category_filter: number;
  /** Refuse at SMTP time at or above this score; null: never. */
  reject_above: number | null;
  /** Days Spam and Trash keep messages; null: config spam.expiryDays; 0: forever. */
  expiry_days: number | null;
  updated_at: number;
}

/** A mailbox's Bayes model learned from its reports (serializeModel). */
export interface SpamModelsTable { mailbox_id: number; model: Buffer; updated_at: number }

/** The global model once reports trained it (serializeGlobal); id is always 1. */
export interface SpamGlobalModelTable { id: number; model: Buffer; updated_at: number }

/** What a mailbox has trained a stored message (by its bytes) as: learned once, reversed exactly. */
export interface SpamTrainingTable { mailbox_id: number; blob_hash: string; label: 'spam' | 'ham'; fingerprint: string; updated_at: number }

/** Campaigns (fingerprint) the global model learned from several mailboxes' reports. */
export interface SpamGlobalTrainingTable { fingerprint: string; label: 'spam' | 'ham'; blob_hash: string; created_at: number }

export interface PhishingReportsTable {
  id: Id;
  mailbox_id: number | null;
  reporter: string;
  envelope_sender: string | null;
  from_header: string | null;
  subject: string | null;
  message_id: string | null;
  /** JSON array of the links found. */
  urls: string;
  authentication_results: string | null;
  created_at: number;
}

/** Bumped by triggers on domain-wide changes ('domains') and the stored global model ('spam-global') (migration 016). */
export interface ChangeCountersTable { name: string; counter: number }

/** One copy filed into Spam by the filter: the spam-wave report groups these. */
export interface SpamLogTable { id: Id; mailbox_id: number; delivery_id: string; at: number; sender: string; sender_domain: string; ip: string | null; score: number; reason: string }

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  domains: DomainsTable;
  mailboxes: MailboxesTable;
  device_passwords: DevicePasswordsTable;
  mailbox_access: MailboxAccessTable;
  aliases: AliasesTable;
  redirects: RedirectsTable;
  sender_lists: SenderListsTable;
  temporary_aliases: TemporaryAliasesTable;
  sieve_scripts: SieveScriptsTable;
  sieve_duplicates: SieveDuplicatesTable;
  sieve_rules: SieveRulesTable;
  sieve_rule_templates: SieveRuleTemplatesTable;
  sieve_rule_template_choices: SieveRuleTemplateChoicesTable;
  sieve_responses: SieveResponsesTable;
  responders: RespondersTable;
  responder_templates: ResponderTemplatesTable;
  responder_from_addresses: ResponderFromAddressesTable;
  temporary_alias_senders: TemporaryAliasSendersTable;
  redirect_confirmations: RedirectConfirmationsTable;
  folders: FoldersTable;
  blobs: BlobsTable;
  blob_deletions: BlobDeletionsTable;
  messages: MessagesTable;
  message_text: MessageTextTable;
  expunged: ExpungedTable;
  deliveries: DeliveriesTable;
  queue_messages: QueueMessagesTable;
  queue_recipients: QueueRecipientsTable;
  send_log: SendLogTable;
  dkim_keys: DkimKeysTable;
  dmarc_reports: DmarcReportsTable;
  dmarc_report_records: DmarcReportRecordsTable;
  tls_reports: TlsReportsTable;
  tls_report_policies: TlsReportPoliciesTable;
  dmarc_results: DmarcResultsTable;
  dmarc_reports_sent: ReportsSentTable;
  tls_results: TlsResultsTable;
  tls_reports_sent: ReportsSentTable;
  spam_settings: SpamSettingsTable;
  spam_models: SpamModelsTable;
  spam_global_model: SpamGlobalModelTable;
  spam_training: SpamTrainingTable;
  spam_global_training: SpamGlobalTrainingTable;
  phishing_reports: PhishingReportsTable;
  change_counters: ChangeCountersTable;
  spam_log: SpamLogTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type { ColumnType };
