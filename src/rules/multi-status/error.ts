import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest } from '../../errors';
import type { MultipartParseError } from '../../http/multipart-error';

/** The code of `MultiStatusError` (also `ErrorCodes.MULTI_STATUS`). */
export const MULTI_STATUS = 'ERR_STATUS_POLICY_MULTI_STATUS';

/**
 * A 207 whose body could not be read as a batch (a manifest that is not JSON or does not match
 * the parts, a truncated body, …). Keeps the response with its body untouched.
 */
export class MultiStatusError extends StatusPolicyError {
  override readonly name = 'MultiStatusError';
  /** The response body exactly as axios handed it over (string or bytes). */
  readonly rawBody: unknown;
  constructor(
    /** What went wrong, with the parts read before it on `parseError.parts`. */
    readonly parseError: MultipartParseError,
    config: InternalAxiosRequestConfig,
    response: AxiosResponse,
  ) {
    super(`${describeRequest(config)}: bad 207 batch: ${parseError.message}`, MULTI_STATUS, config, response, parseError);
    this.rawBody = response.data;
  }
}

/** True for the error a malformed 207 batch rejects with. */
export const isMultiStatusError = (error: unknown): error is MultiStatusError => error instanceof MultiStatusError;
