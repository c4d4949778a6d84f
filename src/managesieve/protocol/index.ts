// The pure ManageSieve protocol layer (RFC 5804): framing with limits, the command grammar and
// the response formatter. No sockets, no database; tested from the RFC's examples on its own.
export { FrameReader, type Frame, type ReaderLimits, type Segment } from './reader.js';
export { decodeBase64, ManageSieveParseError, parseCommand, parseSaslResponse, tokenize, MAX_QUOTED_OCTETS, type Command, type CommandName, type Item } from './parser.js';
export * as response from './response.js';
export type { ResponseCode } from './response.js';
