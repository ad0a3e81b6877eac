// The shapes the multipart parser hands out, apart from the parser: its pieces (headers, source,
// errors) all speak of parts, and none needs the parser itself.

/** Header names lower-case, values trimmed; a repeated header's values joined with `, `. */
export type HeaderMap = Record<string, string>;

/** One body part. `B` is `string` when the input was a string, `Uint8Array` when it was bytes. */
export interface MultipartPart<B extends string | Uint8Array = string | Uint8Array> {
  /** Header names lower-case, values trimmed, folded lines unfolded. */
  headers: HeaderMap;
  /** Media type, lower-case, without parameters; `text/plain` for a part without Content-Type. */
  type: string;
  /** The body, without the line break that belongs to the next delimiter. Bytes are a view, not a copy. */
  body: B;
  /** The parts of a nested `multipart/*` part. */
  parts?: MultipartPart<B>[];
}
