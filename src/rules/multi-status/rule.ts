import { parseBatchResponse } from '../../http/batch';
import { getHeader } from '../../http/headers';
import { MultipartParseError } from '../../http/multipart-error';
import { NEXT } from '../rule';
import type { Decision, Rule } from '../rule';
import { MultiStatusError } from './error';

/**
 * 207 with a `multipart/*` (or RingCentral JSON batch) body: `response.data` becomes the array of
 * sub-responses, the manifest goes to `response.statusPolicy.manifest`. A 207 the user's
 * `validateStatus` rejected, or one that is not a batch, is left alone.
 */
export const multiStatusRule: Rule = {
  id: 'multiStatus',
  name: 'multiStatus',
  decide({ response, error }, ctx): Decision {
    const options = ctx.options.multiStatus;
    if (!response || response.status !== 207 || error !== undefined || !options) return NEXT;
    try {
      const batch = parseBatchResponse(response.data, getHeader(response.headers, 'content-type'), options);
      return batch ? { type: 'resolve', response: { ...response, data: batch.parts }, info: { manifest: batch.manifest } } : NEXT;
    } catch (e) {
      // The parser throws only MultipartParseError; anything else (a RangeError on an absurd
      // body, say) is still reported as this request's failure, never as a stray rejection.
      const cause = e instanceof MultipartParseError ? e : new MultipartParseError('BAD_INPUT', String(e));
      return { type: 'reject', error: new MultiStatusError(cause, ctx.callerConfig, response) };
    }
  },
};
