// The one error type of the IMAP protocol layer. The reader and the parser throw (or emit) nothing
// else: a session answers it with `<tag> BAD [code] <message>` (or `* BAD` when no tag could be read),
// and with `* BYE <message>` followed by closing the connection when `fatal` is set.

/** Response codes the protocol layer may attach (RFC 9051 7.1, RFC 4469 TOOBIG, RFC 5530 LIMIT). */
export type ParseErrorCode = 'TOOBIG' | 'LIMIT' | 'CLIENTBUG' | 'PARSE' | 'SERVERBUG';

export class ImapParseError extends Error {
  override readonly name = 'ImapParseError';
  constructor(
    message: string,
    /** The command's tag when it could be read, so the session can answer it with a tagged BAD. */
    readonly tag: string | null = null,
    /** An optional response code for the answer, e.g. TOOBIG for a literal over the limit. */
    readonly code: ParseErrorCode | null = null,
    /** The connection cannot be resynchronised: answer `* BYE` and close it. */
    readonly fatal = false,
  ) {
    super(message);
  }

  /** The same error with the command's tag filled in (the lexer learns the tag after some errors are made). */
  withTag(tag: string | null): ImapParseError {
    if (this.tag !== null || tag === null) return this;
    return new ImapParseError(this.message, tag, this.code, this.fatal);
  }
}
