import { CALLBACK_TIMEOUT } from './errors';
import { CIRCUIT_OPEN } from './rules/circuit-breaker/error';
import { MULTI_STATUS } from './rules/multi-status/error';
import { RedirectErrorCodes } from './rules/redirects/error';

/**
 * Codes of the errors the policy creates, gathered from beside each error (auth's are
 * `AuthErrorCodes`). Its own file: importing it carries the codes of every rule.
 */
export const ErrorCodes = {
  ...RedirectErrorCodes,
  /** A callback of yours the plugin waited for (`auth.getAccessToken`, `redirects.onRedirect`) outlived the request's `timeout`. */
  CALLBACK_TIMEOUT,
  /** A 207 batch body that could not be read (see `MultiStatusError`). */
  MULTI_STATUS,
  /** The origin's circuit is open (`circuitBreaker`): refused, nothing sent. */
  CIRCUIT_OPEN,
} as const;
