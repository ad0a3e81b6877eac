import type { AxiosResponse } from 'axios';

/**
 * Lets go of the body of an answer the policy discards (a 3xx it follows, a 5xx it retries). A
 * streamed body (`responseType: 'stream'`) that is never read keeps its socket from returning to
 * the agent; with `keepAlive` and few sockets the next attempt would then wait forever.
 */
export function releaseBody(response: AxiosResponse | undefined): void {
  const body = Object(response && response.data) as { destroy?: unknown; cancel?: unknown };
  if (typeof body.destroy === 'function') (body.destroy as () => void)();
  else if (typeof body.cancel === 'function') (body.cancel as () => Promise<void>)().catch(() => undefined);
}
