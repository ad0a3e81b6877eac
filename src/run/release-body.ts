import type { AxiosResponse } from 'axios';
import { field } from '../field';
import { destroyNodeStream } from './platform';

/**
 * Lets go of the body of an answer the policy discards (a 3xx it follows, a 5xx it retries). A
 * streamed body (`responseType: 'stream'`) that is never read keeps its socket from returning to
 * the agent; with `keepAlive` and few sockets the next attempt would then wait forever. A Node
 * stream is destroyed (platform.ts), a web ReadableStream (fetch) cancelled.
 */
export function releaseBody(response: AxiosResponse | undefined): void {
  const body: unknown = response && response.data;
  if (destroyNodeStream(body)) return;
  if (isWebStream(body)) body.cancel().catch(() => undefined);
}

/** A web ReadableStream (`responseType: 'stream'` with fetch). */
const isWebStream = (body: unknown): body is { cancel(): Promise<void> } => typeof field(body, 'cancel') === 'function';
