/**
 * Whether a request body can be sent again. Streams are consumed by the first attempt, so a retry
 * would send an empty or partial body: such requests are not retried and the error says why.
 */
export function isReplayable(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return true;
  const d = data as Record<string, unknown>;
  // Node Readable (and form-data, which is one) has pipe(); a WHATWG ReadableStream has getReader().
  return typeof d.pipe !== 'function' && typeof d.getReader !== 'function';
}
