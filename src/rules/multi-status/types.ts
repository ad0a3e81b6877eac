// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
/** 207 batch responses: how sub-response bodies are read. `true` takes every default. */
export interface MultiStatusOptions {
  /**
   * `JSON.parse` rounds integers beyond ±2^53 (RingCentral ids such as `conversationId` are
   * such integers). `'string'` returns them exact, as strings.
   * @default 'number'
   */
  largeIntegers?: 'number' | 'string';
  /** Parts in one body, nested ones included (or entries of a RingCentral JSON batch); more rejects. @default 100000 */
  maxParts?: number;
  /** Lines in one part's header block; more rejects (HEADERS_TOO_LARGE). @default 100 */
  maxHeaderLines?: number;
  /** Bytes in one part's header block; more rejects (HEADERS_TOO_LARGE). @default 65536 */
  maxHeaderBytes?: number;
}
