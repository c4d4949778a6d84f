// One migration list for both dialects. Each migration runs once, in order, recorded in
// schema_migrations. Append new migrations; never edit one that has shipped.
import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import type { Dialect } from './db.js';

type AnyDb = Kysely<any>;

interface Migration {
  name: string;
  up(db: AnyDb, dialect: Dialect): Promise<void>;
}

/** Auto-increment primary key in each dialect's own words. */
function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'bigserial', (c) => c.primaryKey());
}

const migrations: Migration[] = [
  {
    name: '001_core',
    async up(db, dialect) {
      await withId(db.schema.createTable('organizations'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('users'), dialect)
        .addColumn('org_id', 'bigint', (c) => c.notNull().references('organizations.id'))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('api_tokens'), dialect)
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('ip', 'text')
        .execute();

      await withId(db.schema.createTable('domains'), dialect)
        .addColumn('org_id', 'bigint', (c) => c.notNull().references('organizations.id'))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('max_recipients_per_message', 'integer')
        .addColumn('max_recipients_per_24h', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('mailboxes'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('local_part', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('mailbox'))
        .addColumn('display_name', 'text')
        .addColumn('quota_bytes', 'bigint', (c) => c.notNull())
        .addColumn('used_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('max_recipients_per_message', 'integer')
        .addColumn('max_recipients_per_24h', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('device_passwords'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('last_used_ip', 'text')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('device_passwords_mailbox').on('device_passwords').column('mailbox_id').execute();

      await db.schema
        .createTable('mailbox_access')
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('mailbox_access_pk', ['user_id', 'mailbox_id'])
        .execute();

      await withId(db.schema.createTable('aliases'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('redirects'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('targets', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('folders'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('special_use', 'text')
        .addColumn('uidvalidity', 'bigint', (c) => c.notNull())
        .addColumn('uidnext', 'bigint', (c) => c.notNull())
        .addColumn('highest_modseq', 'bigint', (c) => c.notNull())
        .addColumn('subscribed', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('folders_mailbox_name', ['mailbox_id', 'name'])
        .execute();

      await db.schema
        .createTable('blobs')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('refcount', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('messages'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('folder_id', 'bigint', (c) => c.notNull().references('folders.id').onDelete('cascade'))
        .addColumn('uid', 'bigint', (c) => c.notNull())
        .addColumn('modseq', 'bigint', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('internal_date', 'bigint', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('blob_hash', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('body_structure', 'text', (c) => c.notNull())
        .addColumn('mime_tree', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('subject', 'text')
        .addColumn('thread_id', 'bigint', (c) => c.notNull())
        .addColumn('email_type', 'text', (c) => c.notNull().defaultTo('normal'))
        .addColumn('delivery_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('messages_folder_uid', ['folder_id', 'uid'])
        .execute();
      await db.schema.createIndex('messages_folder_modseq').on('messages').columns(['folder_id', 'modseq']).execute();
      await db.schema.createIndex('messages_mailbox_msgid').on('messages').columns(['mailbox_id', 'message_id']).execute();
      await db.schema.createIndex('messages_blob').on('messages').column('blob_hash').execute();

      if (dialect === 'sqlite') {
        // rowid = messages.id, so deleting one message's text is a key lookup.
        await sql`CREATE VIRTUAL TABLE message_text USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
      } else {
        await sql`CREATE TABLE message_text (
          message_id bigint PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
          body text NOT NULL,
          tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)`.execute(db);
        await sql`CREATE INDEX message_text_tsv ON message_text USING GIN (tsv)`.execute(db);
      }

      await db.schema
        .createTable('expunged')
        .addColumn('folder_id', 'bigint', (c) => c.notNull().references('folders.id').onDelete('cascade'))
        .addColumn('uid', 'bigint', (c) => c.notNull())
        .addColumn('modseq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('expunged_pk', ['folder_id', 'uid'])
        .execute();

      await db.schema
        .createTable('deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('remote_ip', 'text')
        .addColumn('helo', 'text')
        .addColumn('mail_from', 'text', (c) => c.notNull())
        .addColumn('rcpt_to', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('trace', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('deliveries_message_id').on('deliveries').column('message_id').execute();
      await db.schema.createIndex('deliveries_received').on('deliveries').column('received_at').execute();

      await db.schema
        .createTable('queue_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('blob_hash', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('delivery_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('queue_recipients'), dialect)
        .addColumn('queue_id', 'text', (c) => c.notNull().references('queue_messages.id').onDelete('cascade'))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('last_attempt_at', 'bigint')
        .addColumn('last_reply', 'text')
        .addColumn('delay_notified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('queue_recipients_due').on('queue_recipients').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('queue_recipients_queue').on('queue_recipients').column('queue_id').execute();

      await withId(db.schema.createTable('send_log'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('recipients', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('send_log_mailbox_at').on('send_log').columns(['mailbox_id', 'at']).execute();
    },
  },
  {
    // A blob file outlives its last reference by a grace period: a delivery that found the file
    // already there (and so skipped writing it) may commit its reference a moment later.
    name: '002_blob_deletions',
    async up(db) {
      await db.schema
        .createTable('blob_deletions')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blob_deletions_due').on('blob_deletions').column('due_at').execute();
    },
  },
  {
    // A bounce owed is written with the recipient's final state, so a crash cannot lose it.
    name: '003_queue_dsn_report',
    async up(db) {
      await db.schema.alterTable('queue_recipients').addColumn('dsn_report', 'text').execute();
    },
  },
  {
    // SEARCH TEXT/FROM/SUBJECT/HEADER read header values from the index instead of each blob, and
    // SQLite's index carries the owning mailbox as a token so a search never reads other
    // mailboxes' rows. Rows indexed before this keep their old text (subject and addresses were
    // already part of it) with no header column.
    name: '004_search_headers',
    async up(db, dialect) {
      // The IMAP text of ENVELOPE, formatted once at delivery: FETCH ENVELOPE of a whole folder
      // is then a copy, not a JSON parse and a format per message (rows before this: NULL).
      await db.schema.alterTable('messages').addColumn('envelope_imap', 'text').execute();
      // \Recent (RFC 3501 2.3.2): UIDs up to this one have been seen by some session.
      await db.schema.alterTable('folders').addColumn('recent_uid', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      if (dialect === 'sqlite') {
        await sql`CREATE VIRTUAL TABLE message_text_v2 USING fts5(owner, headers, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
        await sql`INSERT INTO message_text_v2 (rowid, owner, headers, body)
          SELECT t.rowid, 'o' || m.mailbox_id, '', t.body FROM message_text t JOIN messages m ON m.id = t.rowid`.execute(db);
        await sql`DROP TABLE message_text`.execute(db);
        await sql`ALTER TABLE message_text_v2 RENAME TO message_text`.execute(db);
      } else {
        await sql`ALTER TABLE message_text ADD COLUMN headers text NOT NULL DEFAULT ''`.execute(db);
        await sql`ALTER TABLE message_text ADD COLUMN tsv_headers tsvector GENERATED ALWAYS AS (to_tsvector('simple', headers)) STORED`.execute(db);
        await sql`CREATE INDEX message_text_tsv_headers ON message_text USING GIN (tsv_headers)`.execute(db);
      }
    },
  },
  {
    // DKIM keys per domain. A key signs while superseded_at is null; after a rotation it stays
    // published until retire_at. Domains from before this migration get keys at start-up.
    name: '005_dkim_keys',
    async up(db, dialect) {
      await withId(db.schema.createTable('dkim_keys'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('selector', 'text', (c) => c.notNull())
        .addColumn('algorithm', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('superseded_at', 'bigint')
        .addColumn('retire_at', 'bigint')
        .addUniqueConstraint('dkim_keys_domain_selector', ['domain_id', 'selector'])
        .execute();
    },
  },
  {
    // DMARC aggregate and TLS-RPT reports: the ones others send about our domains (parsed from
    // the reports mailbox, one row per report, a duplicate org + report id ignored), and what we
    // need to send our own (daily counters of inbound DMARC and outbound TLS results, and which
    // day's report went to which domain, so a report is sent once).
    name: '006_reports',
    async up(db, dialect) {
      await withId(db.schema.createTable('dmarc_reports'), dialect)
        .addColumn('org_name', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('begin_at', 'bigint', (c) => c.notNull())
        .addColumn('end_at', 'bigint', (c) => c.notNull())
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('errors', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('dmarc_reports_org_report', ['org_name', 'report_id'])
        .execute();
      await db.schema.createIndex('dmarc_reports_domain_end').on('dmarc_reports').columns(['domain', 'end_at']).execute();
      await withId(db.schema.createTable('dmarc_report_records'), dialect)
        .addColumn('report_id', 'bigint', (c) => c.notNull().references('dmarc_reports.id').onDelete('cascade'))
        .addColumn('source_ip', 'text', (c) => c.notNull())
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addColumn('disposition', 'text', (c) => c.notNull())
        .addColumn('dkim', 'text')
        .addColumn('spf', 'text')
        .addColumn('header_from', 'text', (c) => c.notNull())
        .addColumn('envelope_from', 'text')
        .addColumn('dkim_results', 'text', (c) => c.notNull())
        .addColumn('spf_results', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dmarc_report_records_report').on('dmarc_report_records').column('report_id').execute();

      await withId(db.schema.createTable('tls_reports'), dialect)
        .addColumn('org_name', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('contact_info', 'text')
        .addColumn('begin_at', 'bigint', (c) => c.notNull())
        .addColumn('end_at', 'bigint', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('tls_reports_org_report', ['org_name', 'report_id'])
        .execute();
      await withId(db.schema.createTable('tls_report_policies'), dialect)
        .addColumn('report_id', 'bigint', (c) => c.notNull().references('tls_reports.id').onDelete('cascade'))
        .addColumn('policy_domain', 'text', (c) => c.notNull())
        .addColumn('policy_type', 'text', (c) => c.notNull())
        .addColumn('policy_string', 'text', (c) => c.notNull())
        .addColumn('mx_host', 'text', (c) => c.notNull())
        .addColumn('success_count', 'bigint', (c) => c.notNull())
        .addColumn('failure_count', 'bigint', (c) => c.notNull())
        .addColumn('failure_details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tls_report_policies_report').on('tls_report_policies').column('report_id').execute();
      await db.schema.createIndex('tls_report_policies_domain').on('tls_report_policies').column('policy_domain').execute();

      // One row per day and distinct result (key: a hash of every other column but count).
      await withId(db.schema.createTable('dmarc_results'), dialect)
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('header_from', 'text', (c) => c.notNull())
        .addColumn('envelope_from', 'text')
        .addColumn('source_ip', 'text', (c) => c.notNull())
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('disposition', 'text', (c) => c.notNull())
        .addColumn('dkim_aligned', 'text', (c) => c.notNull())
        .addColumn('spf_aligned', 'text', (c) => c.notNull())
        .addColumn('override_reason', 'text')
        .addColumn('override_comment', 'text')
        .addColumn('dkim_results', 'text', (c) => c.notNull())
        .addColumn('spf_domain', 'text', (c) => c.notNull())
        .addColumn('spf_scope', 'text', (c) => c.notNull())
        .addColumn('spf_result', 'text', (c) => c.notNull())
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('dmarc_results_day_key', ['day', 'key'])
        .execute();
      await db.schema
        .createTable('dmarc_reports_sent')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('dmarc_reports_sent_pk', ['day', 'domain'])
        .execute();

      await withId(db.schema.createTable('tls_results'), dialect)
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('policy_domain', 'text', (c) => c.notNull())
        .addColumn('policy_type', 'text', (c) => c.notNull())
        .addColumn('policy_string', 'text', (c) => c.notNull())
        .addColumn('mx_host', 'text')
        .addColumn('receiving_ip', 'text')
        .addColumn('sending_ip', 'text')
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('reason_code', 'text')
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('tls_results_day_key', ['day', 'key'])
        .execute();
      await db.schema
        .createTable('tls_reports_sent')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('tls_reports_sent_pk', ['day', 'domain'])
        .execute();
    },
  },
  {
    // A mailbox may redirect to other addresses (keeping a copy or not), and a target on another
    // server receives nothing until it confirms by a link. Redirect-only addresses made before
    // this already forwarded to their external targets: those stay confirmed.
    name: '007_redirections',
    async up(db, dialect) {
      await db.schema.alterTable('mailboxes').addColumn('redirect_targets', 'text').execute();
      await db.schema.alterTable('mailboxes').addColumn('redirect_keep_copy', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await withId(db.schema.createTable('redirect_confirmations'), dialect)
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('token_expires_at', 'bigint')
        .addColumn('sent_at', 'bigint')
        .addColumn('confirmed_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('redirect_confirmations_origin_target', ['origin', 'target'])
        .execute();
      await db.schema.createIndex('redirect_confirmations_unsent').on('redirect_confirmations').columns(['status', 'sent_at']).execute();
      const hosted = new Set((await db.selectFrom('domains').select('name').execute()).map((d) => d.name as string));
      const now = Date.now();
      for (const r of await db.selectFrom('redirects').select(['address', 'targets']).execute()) {
        for (const target of JSON.parse(r.targets as string) as string[]) {
          if (hosted.has(target.slice(target.lastIndexOf('@') + 1))) continue;
          await db
            .insertInto('redirect_confirmations')
            .values({ origin: r.address, target, status: 'confirmed', token_hash: null, token_expires_at: null, sent_at: null, confirmed_at: now, created_at: now })
            .execute();
        }
      }
    },
  },
  {
    // Block and allow lists (mailbox_id null: the domain's list, set by the admin) and what a
    // mailbox does with a blocked sender. Temporary aliases get their own table, not columns on
    // aliases: they have a state (disabled, expiry, deleted kept as a tombstone so the address is
    // never handed out again nor caught by the catch-all), a target folder, a note and counters.
    name: '008_lists_and_temporary_aliases',
    async up(db, dialect) {
      await db.schema.alterTable('mailboxes').addColumn('block_action', 'text', (c) => c.notNull().defaultTo('spam')).execute();
      await withId(db.schema.createTable('sender_lists'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('mailbox_id', 'bigint', (c) => c.references('mailboxes.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sender_lists_owner').on('sender_lists').columns(['domain_id', 'mailbox_id', 'kind']).execute();

      await withId(db.schema.createTable('temporary_aliases'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull().unique())
        .addColumn('note', 'text')
        .addColumn('folder', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('disabled_at', 'bigint')
        .addColumn('deleted_at', 'bigint')
        .addColumn('received_count', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_received_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('temporary_aliases_mailbox').on('temporary_aliases').column('mailbox_id').execute();
      await db.schema
        .createTable('temporary_alias_senders')
        .addColumn('alias_id', 'bigint', (c) => c.notNull().references('temporary_aliases.id').onDelete('cascade'))
        .addColumn('domain', 'text', (c) => c.notNull())
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('temporary_alias_senders_pk', ['alias_id', 'domain'])
        .execute();
    },
  },
  {
    // Sieve scripts per mailbox (ManageSieve, the API, the rule builder): names unique per
    // mailbox, at most one active. `managed` marks the script the rule builder writes from its
    // rules (kept readable; a user switching to raw Sieve gets a script of their own). Duplicate
    // ids (RFC 7352) live in their own table with an expiry.
    name: '009_sieve_scripts',
    async up(db, dialect) {
      await withId(db.schema.createTable('sieve_scripts'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('managed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('sieve_scripts_mailbox_name', ['mailbox_id', 'name'])
        .execute();
      await db.schema
        .createTable('sieve_duplicates')
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('id_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sieve_duplicates_pk', ['mailbox_id', 'id_hash'])
        .execute();
    },
  },  {
    // What Sieve sent on a mailbox's behalf at delivery: vacation responses (one per handle and
    // sender within the period, RFC 5230 4.2) and notifications (rate-limited per hour).
    name: '010_sieve_delivery',
    async up(db, dialect) {
      await withId(db.schema.createTable('sieve_responses'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sieve_responses_lookup').on('sieve_responses').columns(['mailbox_id', 'kind', 'key_hash']).execute();
      await db.schema.createIndex('sieve_responses_expiry').on('sieve_responses').column('expires_at').execute();
    },
  },
  {
    // Issue 5: a domain may forbid redirect in raw Sieve scripts (uploads over ManageSieve and the
    // API are refused), while the rule builder's scripts keep it. Allowed by default, as before.
    name: '011_sieve_domain_settings',
    async up(db) {
      await db.schema.alterTable('domains').addColumn('sieve_redirect', 'text', (c) => c.notNull().defaultTo('allow')).execute();
    },
  },
  {
    // Issue 5, the rule builder: rules per mailbox (JSON, the generated script lives in
    // sieve_scripts as the managed one), domain rule templates and each user's choice for them,
    // and whether the rule builder may offer redirect (allowed unless the admin forbids it).
    name: '012_sieve_rules',
    async up(db, dialect) {
      await db.schema.alterTable('domains').addColumn('rules_redirect', 'text', (c) => c.notNull().defaultTo('allow')).execute();
      await db.schema
        .createTable('sieve_rules')
        .addColumn('mailbox_id', 'bigint', (c) => c.primaryKey().references('mailboxes.id').onDelete('cascade'))
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('sieve_rule_templates'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('match', 'text', (c) => c.notNull())
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('allowed_actions', 'text', (c) => c.notNull())
        .addColumn('default_action', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sieve_rule_template_choices')
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('template_id', 'bigint', (c) => c.notNull().references('sieve_rule_templates.id').onDelete('cascade'))
        .addColumn('action', 'text')
        .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sieve_rule_template_choices_pk', ['mailbox_id', 'template_id'])
        .execute();
    },
  },
  {
    // The spam filter around the classifier (src/spam): per-mailbox settings (no row = defaults),
    // the models learned from reports (per mailbox; one global row overriding the shipped model),
    // what each mailbox has trained (so a report is learned once and reversed exactly), the
    // campaigns the global model learned, phishing reports for the admin, and a log of spam
    // filed (the spam-wave report).
    name: '013_spam_settings',
    async up(db, dialect) {
      const bytes = dialect === 'sqlite' ? 'blob' : 'bytea';
      await db.schema
        .createTable('spam_settings')
        .addColumn('mailbox_id', 'bigint', (c) => c.primaryKey().references('mailboxes.id').onDelete('cascade'))
        .addColumn('spam_filter', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('category_filter', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('reject_above', 'real')
        .addColumn('expiry_days', 'integer')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('spam_models')
        .addColumn('mailbox_id', 'bigint', (c) => c.primaryKey().references('mailboxes.id').onDelete('cascade'))
        .addColumn('model', bytes, (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('spam_global_model')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('model', bytes, (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('spam_training')
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('blob_hash', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('spam_training_pk', ['mailbox_id', 'blob_hash'])
        .execute();
      await db.schema.createIndex('spam_training_fingerprint').on('spam_training').columns(['fingerprint', 'label']).execute();
      await db.schema
        .createTable('spam_global_training')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('blob_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('spam_global_training_pk', ['fingerprint', 'label'])
        .execute();
      await withId(db.schema.createTable('phishing_reports'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.references('mailboxes.id').onDelete('set null'))
        .addColumn('reporter', 'text', (c) => c.notNull())
        .addColumn('envelope_sender', 'text')
        .addColumn('from_header', 'text')
        .addColumn('subject', 'text')
        .addColumn('message_id', 'text')
        .addColumn('urls', 'text', (c) => c.notNull())
        .addColumn('authentication_results', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('spam_log'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('sender_domain', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('spam_log_at').on('spam_log').columns(['at', 'mailbox_id']).execute();
    },
  },
  {
    // Issue 7: out-of-office responders per mailbox (at most one active), the mailbox's time zone
    // their schedules are read in, From addresses verified by a mailed code, and the admin's
    // templates per domain. `generation` is part of the vacation handle: a reset bumps it, so the
    // responses remembered under the old handle no longer count (and expire on their own).
    name: '014_responders',
    async up(db, dialect) {
      await db.schema.alterTable('mailboxes').addColumn('time_zone', 'text').execute();
      await withId(db.schema.createTable('responder_templates'), dialect)
        .addColumn('domain_id', 'bigint', (c) => c.notNull().references('domains.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('auto_apply', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('responder_templates_domain_name', ['domain_id', 'name'])
        .execute();
      await withId(db.schema.createTable('responders'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('template_id', 'bigint', (c) => c.references('responder_templates.id').onDelete('set null'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('responders_mailbox_name', ['mailbox_id', 'name'])
        .execute();
      await withId(db.schema.createTable('responder_from_addresses'), dialect)
        .addColumn('mailbox_id', 'bigint', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text')
        .addColumn('code_expires_at', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sent_at', 'bigint')
        .addColumn('verified_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('responder_from_mailbox_address', ['mailbox_id', 'address'])
        .execute();
    },
  },
  {
    // Issue 3: an IMAP SELECT no longer reads every message row. This index holds each folder's
    // distinct flag sets in order, so the keywords, the first unseen message and the \Deleted ones
    // are found by a few seeks (a loose index scan, store/folder-view.ts), and (uid, modseq) ride
    // along so a SEARCH on flags reads the index alone, never the wide rows.
    name: '015_messages_folder_flags',
    async up(db) {
      await db.schema.createIndex('messages_folder_flags').on('messages').columns(['folder_id', 'flags', 'uid', 'modseq']).execute();
    },
  },
  {
    // Versions for the delivery's settings caches (src/delivery/mailbox-settings.ts). Triggers on
    // every table the decide stage reads per mailbox add one to mailboxes.settings_version in the
    // writing transaction; domain-wide changes (domains, a domain's block/allow lists) and the
    // stored global spam model add one to a row of change_counters. Any writer (this node, the
    // CLI, another node on the same PostgreSQL) thus makes the next delivery reload, and no code
    // path can forget to: the database does it.
    name: '016_settings_versions',
    async up(db, dialect) {
      await db.schema.alterTable('mailboxes').addColumn('settings_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema
        .createTable('change_counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('counter', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('change_counters').values(COUNTERS.map((name) => ({ name, counter: 0 }))).execute();
      if (dialect === 'sqlite') await settingsTriggersSqlite(db);
      else await settingsTriggersPostgres(db);
    },
  },
];

/** change_counters rows: 'domains' (names, settings and lists of domains), 'spam-global' (the stored global model). */
const COUNTERS = ['domains', 'spam-global'] as const;

/**
 * Per-mailbox tables whose rows the delivery caches, and for folders the columns that matter
 * (their UIDNEXT and MODSEQ change with every message stored and must not bump anything).
 */
const SETTINGS_TABLES: ReadonlyArray<{ table: string; columns?: string[] }> = [
  { table: 'sender_lists' },
  { table: 'spam_settings' },
  { table: 'spam_models' },
  { table: 'sieve_scripts' },
  { table: 'responders' },
  { table: 'responder_from_addresses' },
  { table: 'aliases' },
  { table: 'folders', columns: ['name', 'special_use'] },
];

async function settingsTriggersSqlite(db: AnyDb): Promise<void> {
  const bump = (row: 'NEW' | 'OLD') =>
    // A domain's own list entry (mailbox_id null, sender_lists only) concerns all its mailboxes.
    `UPDATE mailboxes SET settings_version = settings_version + 1 WHERE id = ${row}.mailbox_id;` +
    ` UPDATE change_counters SET counter = counter + 1 WHERE name = 'domains' AND ${row}.mailbox_id IS NULL;`;
  for (const { table, columns } of SETTINGS_TABLES) {
    await sql.raw(`CREATE TRIGGER ${table}_settings_insert AFTER INSERT ON ${table} BEGIN ${bump('NEW')} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_settings_delete AFTER DELETE ON ${table} BEGIN ${bump('OLD')} END`).execute(db);
    const of = columns ? ` OF ${columns.join(', ')}` : '';
    await sql.raw(`CREATE TRIGGER ${table}_settings_update AFTER UPDATE${of} ON ${table} BEGIN ${bump('OLD')} ${bump('NEW')} END`).execute(db);
  }
  for (const [table, counter] of [['domains', 'domains'], ['spam_global_model', 'spam-global']] as const) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${table}_counter_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN UPDATE change_counters SET counter = counter + 1 WHERE name = '${counter}'; END`).execute(db);
    }
  }
}

async function settingsTriggersPostgres(db: AnyDb): Promise<void> {
  await sql`CREATE FUNCTION mailcove_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        IF OLD.mailbox_id IS NULL THEN UPDATE change_counters SET counter = counter + 1 WHERE name = 'domains';
        ELSE UPDATE mailboxes SET settings_version = settings_version + 1 WHERE id = OLD.mailbox_id; END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        IF NEW.mailbox_id IS NULL THEN UPDATE change_counters SET counter = counter + 1 WHERE name = 'domains';
        ELSE UPDATE mailboxes SET settings_version = settings_version + 1 WHERE id = NEW.mailbox_id; END IF;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE FUNCTION mailcove_counter_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE change_counters SET counter = counter + 1 WHERE name = TG_ARGV[0];
      RETURN NULL;
    END $$`.execute(db);
  for (const { table, columns } of SETTINGS_TABLES) {
    const update = columns ? `UPDATE OF ${columns.join(', ')}` : 'UPDATE';
    await sql.raw(`CREATE TRIGGER ${table}_settings AFTER INSERT OR ${update} OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION mailcove_settings_changed()`).execute(db);
  }
  for (const [table, counter] of [['domains', 'domains'], ['spam_global_model', 'spam-global']] as const) {
    await sql.raw(`CREATE TRIGGER ${table}_counter AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION mailcove_counter_changed('${counter}')`).execute(db);
  }
}

export async function migrate(db: AnyDb, dialect: Dialect): Promise<string[]> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute();
  const done = new Set((await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name as string));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx, dialect);
      await trx.insertInto('schema_migrations').values({ name: m.name, applied_at: Date.now() }).execute();
    });
    applied.push(m.name);
  }
  return applied;
}
