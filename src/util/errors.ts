// Errors that cross layers carry what each front end needs to answer correctly:
// an HTTP status for the API, the field for forms and CLI messages, an SMTP reply where relevant.

export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'limit' | 'temporary';

const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  limit: 429,
  temporary: 503,
};

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** The input field at fault, e.g. "address" or "targets[3]". */
    readonly field?: string,
  ) {
    super(message);
  }
  get httpStatus(): number {
    return HTTP_STATUS[this.kind];
  }
}

export const invalid = (field: string, message: string) => new AppError('invalid', message, field);
export const notFound = (what: string, field?: string) => new AppError('not_found', `${what} not found`, field);
export const conflict = (message: string, field?: string) => new AppError('conflict', message, field);

/** An SMTP reply chosen by a lower layer, e.g. the sending limit or the router. */
export class SmtpReplyError extends Error {
  constructor(
    readonly code: number,
    readonly enhanced: string,
    readonly text: string,
  ) {
    super(`${code} ${enhanced} ${text}`);
  }
}
