import type { AxiosResponse } from 'axios';
import { COMMON_PHRASES } from './http/phrases';
import { safeText } from './http/redact';
import { serverErrorDetails } from './http/server-error';

/** What an error message adds about the response: the status phrase and the server's own code and message. */
export interface ResponseDetails {
  phrase: string | undefined;
  code: string | undefined;
  message: string | undefined;
}

/** Reads a failed response for its error message; every value already safe to print. */
export type ErrorDescriber = (response: AxiosResponse) => ResponseDetails;

/**
 * The reason phrase (axios's `statusText`, or the common phrase when HTTP/2 or a fetch adapter
 * gave none) and the server's `{code, message}` from the body (`serverErrorDetails`). Both come
 * off the wire: printed only once made safe (`safeText`).
 */
export const describeResponse: ErrorDescriber = (response) => {
  const { code, message } = serverErrorDetails(response.data);
  return { phrase: safeText(response.statusText || '', 100) || COMMON_PHRASES[response.status], code, message };
};
