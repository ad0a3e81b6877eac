import { isAxiosError } from 'axios';
import { field } from '../field';
import type { Answer } from '../run/answer';
import { isNetworkFailure } from './platform';

/**
 * The connection, not the request, failed: a network error code (platform.ts says which, per
 * build), axios's code-less "Network Error" of older adapters and mocks, or a body cut off
 * mid-transfer. What `retry` retries and what an origin's circuit counts as its failure, alike.
 */
export function failedConnection({ response, error }: Answer): boolean {
  const code = field(error, 'code');
  const message = field(error, 'message');
  return typeof code === 'string' ? isNetworkFailure(code, message, !!response) : !response && isAxiosError(error) && message === 'Network Error';
}
