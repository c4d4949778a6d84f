// The pure IMAP protocol layer: bytes to typed commands, typed answers to bytes. No sockets, no
// database (ARCHITECTURE.md "Pure protocol code, then sessions").
export * from './ast.js';
export * from './capabilities.js';
export * from './datetime.js';
export * from './errors.js';
export { fetchItemName, formatSection, FETCH_MACROS } from './fetch-items.js';
export * from './limits.js';
export * from './mutf7.js';
export { parseAuthenticateResponse, parseCommand, parseCommandText, type ParseOptions } from './parser.js';
export { CommandReader, type RawCommand, type RawLiteral, type ReaderEvent, type ReaderMode } from './reader.js';
export * as response from './response.js';
export type { FetchData, ListItem, ResponseCode, ResponseStatus, StreamSlot, ThreadNode } from './response.js';
export * from './sequence.js';
