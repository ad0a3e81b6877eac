import type { AxiosResponse } from 'axios';
import { field } from '../field';

/**
 * Lets go of the body of an answer the policy discards (a 3xx it follows, a 5xx it retries). A
 * streamed body (`responseType: 'stream'`) that is never read keeps its socket from returning to
 * the agent; with `keepAlive` and few sockets the next attempt would then wait forever.
 */
export function releaseBody(response: AxiosResponse | undefined): void {
  const body: unknown = response && response.data;
  if (isStream(body)) body.destroy();
  else if (isWebStream(body)) body.cancel().catch(() => undefined);
}

/** A Node stream (`responseType: 'stream'` with the http adapter). */
const isStream = (body: unknown): body is { destroy(): void } => typeof field(body, 'destroy') === 'function';
/** A web ReadableStream (`responseType: 'stream'` with fetch). */
const isWebStream = (body: unknown): body is { cancel(): Promise<void> } => typeof field(body, 'cancel') === 'function';
