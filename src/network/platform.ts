// Node: what a failed connection looks like through axios's http adapter (socket errors) and its
// fetch adapter (undici). The browser and React Native build swaps this file for
// `platform.browser.ts` (rollup.config.mjs), where no adapter can produce these codes.

/**
 * Failure codes worth another try: the connection, not the request, failed. An allow-list, so
 * config errors (bad URL, bad option) and cancellations are never retried.
 */
const NETWORK =
  /^(E(CONN(RESET|REFUSED|ABORTED)|TIMEDOUT|PIPE|AI_AGAIN|(NET|HOST)(UNREACH|DOWN))|ERR_NETWORK|UND_ERR_(SOCKET|CONNECT_TIMEOUT)|ERR_SOCKET_CONNECTION_TIMEOUT)$/;

/**
 * Whether an error `code` (with its `message`) says the connection failed. `answered`: axios
 * rejected with a response, which the http adapter does for a body cut off mid-transfer (often a
 * 200). Matched narrowly: a JSON parse error or maxContentLength also say ERR_BAD_RESPONSE and
 * must not be retried.
 */
export function isNetworkFailure(code: string, message: unknown, answered: boolean): boolean {
  return NETWORK.test(code) || (answered && code === 'ERR_BAD_RESPONSE' && message === 'stream has been aborted');
}
