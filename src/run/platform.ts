// Node: a streamed body (`responseType: 'stream'` on the http adapter) is a Node stream, freed by
// `destroy()`. The browser and React Native build swaps this file for `platform.browser.ts`
// (rollup.config.mjs), where a body is never a Node stream.

/** Destroys `body` if it is a Node stream; false when it is not one. */
export function destroyNodeStream(body: { destroy?: unknown }): boolean {
  if (typeof body.destroy !== 'function') return false;
  body.destroy();
  return true;
}
