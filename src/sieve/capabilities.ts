// Every capability the engine implements (RFC 5228 require / RFC 5804 SIEVE capability line).
export const CAPABILITIES: readonly string[] = [
  'fileinto', 'reject', 'ereject', 'envelope', 'encoded-character', 'imap4flags', 'copy', 'body', 'variables',
  'vacation', 'vacation-seconds', 'relational', 'comparator-i;ascii-numeric', 'comparator-i;octet',
  'comparator-i;ascii-casemap', 'subaddress', 'date', 'index', 'regex', 'mailbox', 'include', 'spamtest',
  'spamtestplus', 'virustest', 'editheader', 'duplicate', 'environment', 'enotify', 'ihave', 'mime',
  'foreverypart', 'extracttext',
];

export const IMPLEMENTED: ReadonlySet<string> = new Set(CAPABILITIES);

/** Capabilities that bring others along (RFC 6131: vacation-seconds; RFC 5235: spamtestplus). */
export const CAPABILITY_ALIASES: Record<string, string[]> = {
  'vacation-seconds': ['vacation'],
  spamtestplus: ['spamtest'],
};

/** What a ManageSieve server announces for NOTIFY (RFC 5804 1.7). */
export const NOTIFY_METHODS: readonly string[] = ['mailto'];
