import { NEXT, methodOf } from '../policy';
import type { Policy } from '../policy';

/**
 * DELETE answered 404: the resource is gone, which is what the caller wanted (another client or a
 * retention rule got there first, or our own earlier attempt did before its response was lost).
 * Any other method's 404 is left to reject.
 */
export const deleteNotFoundPolicy: Policy = {
  name: 'deleteNotFound',
  decide(outcome, { config }) {
    const { response } = outcome;
    if (!response || response.status !== 404 || methodOf(config) !== 'DELETE') return NEXT;
    return { type: 'resolve', response, info: { alreadyDeleted: true } };
  },
};
