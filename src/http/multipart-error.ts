import type { MultipartPart } from './multipart-part';

/** Why a multipart body (or a batch built on one) could not be read. */
export type MultipartErrorCode =
  /** No usable `boundary` parameter (missing, empty, longer than 70 characters, not printable ASCII). */
  | 'BAD_BOUNDARY'
  /** The body never contains the opening delimiter. */
  | 'BOUNDARY_NOT_FOUND'
  /** The body ends before the close delimiter; `parts` holds what was read. */
  | 'TRUNCATED'
  /** More parts than `maxParts` (nested parts included), or entries in a RingCentral JSON batch. */
  | 'TOO_MANY_PARTS'
  /** A part's header block over `maxHeaderLines` lines or `maxHeaderBytes` bytes. */
  | 'HEADERS_TOO_LARGE'
  /** Multiparts nested deeper than `maxDepth`. */
  | 'TOO_DEEP'
  /** The body is neither a string nor bytes. */
  | 'BAD_INPUT'
  /** A batch manifest (first part) that is not JSON, or a RingCentral JSON batch that is not a list of statuses. */
  | 'MANIFEST_INVALID'
  /** A batch manifest whose entry count differs from the number of parts after it. */
  | 'MANIFEST_MISMATCH';

/**
 * The only error the pure parser throws. Carries what was read before the failure, so a
 * truncated body still gives up its complete parts.
 */
export class MultipartParseError extends Error {
  override readonly name = 'MultipartParseError';
  constructor(
    readonly code: MultipartErrorCode,
    message: string,
    /** The complete parts read before the failure (at the level that failed). */
    readonly parts: readonly MultipartPart[] = [],
  ) {
    super(`multipart ${code}: ${message}`);
  }
}
