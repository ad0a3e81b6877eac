import type { AxiosResponse } from 'axios';
import { destroyNodeStream } from './platform';

/**
 * Lets go of the body of an answer the policy discards (a 3xx it follows, a 5xx it retries). A
 * streamed body (`responseType: 'stream'`) that is never read keeps its socket from returning to
 * the agent; with `keepAlive` and few sockets the next attempt would then wait forever. A Node
 * stream is destroyed (platform.ts), a web ReadableStream (fetch) cancelled.
 */
export function releaseBody(response: AxiosResponse | undefined): void {
  const body = Object(response && response.data) as { destroy?: unknown; cancel?: unknown };
  if (destroyNodeStream(body)) return;
  if (typeof body.cancel === 'function') (body.cancel as () => Promise<void>)().catch(() => undefined);
}
