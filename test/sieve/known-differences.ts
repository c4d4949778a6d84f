// Pairs of the differential corpus where we deliberately differ from Pigeonhole, with the reason
// (each explained in DIFFERENCES.md). The test fails when a listed pair starts to agree, so the
// list never outlives the difference.
export const KNOWN_DIFFERENCES: Record<string, string> = {
  // D1: a duplicate fileinto still cancels the implicit keep; :copy to INBOX plus keep is one store.
  'cases/fileinto-copy-then-plain/plain.eml': 'D1 duplicate fileinto cancels implicit keep',
  'cases/fileinto-copy-merge/plain.eml': 'D1 fileinto :copy INBOX and implicit keep are one store',
  // D2: "?" matches exactly one character, even before a literal followed by "*".
  'cases/variables-globs/headers.eml': 'D2 "?" then a literal in :matches',
  'cases/variables-globs/list.eml': 'D2 "?" then a literal in :matches',
  'cases/glob-question/plain.eml': 'D2 "?" then a literal in :matches',
  // D3: the string test compares with i;ascii-casemap by default like every test.
  'cases/variables-string/plain.eml': 'D3 string test default comparator',
  // D4: :quoteregex (regex draft) exists here, not in Pigeonhole 0.5.19.
  'cases/regex-quoteregex/headers.eml': 'D4 :quoteregex',
  'cases/regex-quoteregex/plain.eml': 'D4 :quoteregex',
  // D5: a mailto: URI may list several addresses before "?" (RFC 6068 2).
  'cases/enotify-uri/plain.eml': 'D5 comma-separated mailto recipients',
  'cases/enotify-uri/list.eml': 'D5 comma-separated mailto recipients',
  // D6: :originalzone on a Received date keeps the zone written in the field.
  'cases/date-received/dates.eml': 'D6 :originalzone of a Received date',
  // D8: i;ascii-numeric: "" is positive infinity like every string without leading digits (RFC 4790 9.1).
  'cases/numeric-empty/headers.eml': 'D8 empty string in i;ascii-numeric',
  // D9: a variable in an unknown namespace is a compile error (RFC 5229 3).
  'cases/variables-namespace/plain.eml': 'D9 unknown variable namespace',
  // D10: nested foreverypart loops run (Pigeonhole rejects its own compiled form of them).
  'cases/foreverypart-nested/multipart.eml': 'D10 nested foreverypart',
  // D7: sieve-test cannot be given a null envelope sender.
  'cases/envelope-null/bounce.eml': 'D7 null envelope sender',
};
