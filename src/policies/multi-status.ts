import { parseBatchResponse } from '../http/batch';
import { getHeader } from '../http/headers';
import { MultipartParseError } from '../http/multipart-error';
import { NEXT } from '../policy';
import type { Decision, Policy } from '../policy';
import { MultiStatusError } from './multi-status-error';

/**
 * 207 with a `multipart/*` (or RingCentral JSON batch) body: `response.data` becomes the array of
 * sub-responses, the manifest goes to `response.statusPolicy.manifest`. A 207 the user's
 * `validateStatus` rejected, or one that is not a batch, is left alone.
 */
export const multiStatusPolicy: Policy = {
  name: 'multiStatus',
  decide(outcome, ctx): Decision {
    const { response } = outcome;
    const options = ctx.options.multiStatus;
    if (!response || outcome.error !== undefined || response.status !== 207 || options === false) return NEXT;
    let batch;
    try {
      batch = parseBatchResponse(response.data, getHeader(response.headers, 'content-type'), options);
    } catch (error) {
      // The parser throws only MultipartParseError; anything else (a RangeError on an absurd
      // body, say) is still reported as this request's failure, never as a stray rejection.
      const cause = error instanceof MultipartParseError ? error : new MultipartParseError('BAD_INPUT', String(error));
      return { type: 'reject', error: new MultiStatusError(cause, ctx.config, response) };
    }
    if (!batch) return NEXT;
    const transformed = { ...response, data: batch.parts };
    return batch.manifest === undefined
      ? { type: 'resolve', response: transformed }
      : { type: 'resolve', response: transformed, info: { manifest: batch.manifest } };
  },
};
