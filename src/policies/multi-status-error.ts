import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ErrorCodes, StatusPolicyError, describeRequest } from '../errors';
import type { MultipartParseError } from '../http/multipart-error';

/**
 * A 207 whose body could not be read as a batch (a manifest that is not JSON or does not match
 * the parts, a truncated body, …). Keeps the response with its body untouched.
 */
export class MultiStatusError extends StatusPolicyError {
  override readonly name = 'MultiStatusError';
  /** The response body exactly as axios handed it over (string or bytes). */
  readonly rawBody: unknown;
  /** What went wrong, with the parts read before it on `parseError.parts`. */
  readonly parseError: MultipartParseError;
  constructor(parseError: MultipartParseError, config: InternalAxiosRequestConfig, response: AxiosResponse) {
    super(
      `${describeRequest(config)}: the 207 batch body could not be read (${parseError.code}): ${parseError.message}`,
      ErrorCodes.MULTI_STATUS,
      config,
      response,
      parseError,
    );
    this.rawBody = response.data;
    this.parseError = parseError;
  }
}

/** True for the error a malformed 207 batch rejects with. */
export function isMultiStatusError(error: unknown): error is MultiStatusError {
  return error instanceof MultiStatusError;
}
