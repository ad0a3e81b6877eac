// Browsers and React Native: XHR and fetch fail a connection with only these codes (a lost network,
// an aborted or timed-out request); the socket and undici codes of `platform.ts` never occur here.

const NETWORK = /^(ERR_NETWORK|ECONNABORTED|ETIMEDOUT)$/;

/** Whether an error `code` says the connection failed (see `platform.ts`, the Node file). */
export function isNetworkFailure(code: string, message: unknown, answered: boolean): boolean {
  void message;
  void answered;
  return NETWORK.test(code);
}
