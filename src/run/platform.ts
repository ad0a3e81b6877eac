import { field } from '../field';

// Node: a streamed body (`responseType: 'stream'` on the http adapter) is a Node stream, freed by
// `destroy()`. The browser and React Native build swaps this file for `platform.browser.ts`
// (rollup.config.mjs), where a body is never a Node stream.

const isNodeStream = (body: unknown): body is { destroy(): void } => typeof field(body, 'destroy') === 'function';

/** Destroys `body` if it is a Node stream; false when it is not one. */
export function destroyNodeStream(body: unknown): boolean {
  if (!isNodeStream(body)) return false;
  body.destroy();
  return true;
}
