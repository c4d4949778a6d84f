// BODYSTRUCTURE as plain JSON data (RFC 3501 7.4.2 / RFC 9051 7.5.2), built
// once at delivery and stored, so FETCH never re-parses the message.
import type { Envelope } from './envelope.js';
import type { Disposition, Param } from './headers.js';
import type { MimePart } from './structure.js';

export interface BodyStructureMultipart {
  multipart: true;
  /** Sub-parts, in order (never empty). */
  parts: BodyStructure[];
  subtype: string;
  // Extension data (BODYSTRUCTURE only):
  params: Param[] | null;
  disposition: Disposition | null;
  language: string[] | null;
  location: string | null;
}

export interface BodyStructureSingle {
  multipart: false;
  type: string;
  subtype: string;
  params: Param[] | null;
  id: string | null;
  description: string | null;
  /** Content-Transfer-Encoding; "7bit" when the header is absent. */
  encoding: string;
  size: number;
  /** Present for text/* and message/rfc822 (body-type-text / body-type-msg). */
  lines: number | null;
  /** Present for message/rfc822 (body-type-msg). */
  message: { envelope: Envelope; body: BodyStructure } | null;
  // Extension data (BODYSTRUCTURE only):
  md5: string | null;
  disposition: Disposition | null;
  language: string[] | null;
  location: string | null;
}

export type BodyStructure = BodyStructureMultipart | BodyStructureSingle;

/** Build the BODYSTRUCTURE data for a part tree (the root of a parsed message). */
export function buildBodyStructure(part: MimePart): BodyStructure {
  if (part.type === 'multipart' && part.children.length > 0) {
    return {
      multipart: true,
      parts: part.children.map(buildBodyStructure),
      subtype: part.subtypeRaw,
      params: part.params.length ? part.params : null,
      disposition: part.disposition,
      language: part.language,
      location: part.location,
    };
  }
  return {
    multipart: false,
    type: part.typeRaw,
    subtype: part.subtypeRaw,
    params: part.params.length ? part.params : null,
    id: part.id,
    description: part.description,
    encoding: part.encoding ?? '7bit',
    size: part.size,
    lines: part.type === 'text' || part.message ? part.lines : null,
    message: part.message ? { envelope: part.message.envelope, body: buildBodyStructure(part.message.root) } : null,
    md5: part.md5,
    disposition: part.disposition,
    language: part.language,
    location: part.location,
  };
}
