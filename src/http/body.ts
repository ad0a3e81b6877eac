import { isRecord } from './record';

/**
 * Whether a request body can be sent again. Streams are consumed by the first attempt, so a retry
 * would send an empty or partial body: such requests are not retried and the error says why.
 */
export function isReplayable(data: unknown): boolean {
  // Node Readable (and form-data, which is one) has pipe(); a WHATWG ReadableStream has getReader().
  return !isRecord(data) || (typeof data.pipe !== 'function' && typeof data.getReader !== 'function');
}
