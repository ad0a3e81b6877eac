import { NEXT } from '../rule';
import type { Rule } from '../rule';

/**
 * DELETE answered 404: the resource is gone, which is what the caller wanted (another client or a
 * retention rule got there first, or our own earlier attempt did before its response was lost).
 * Only the DELETE itself counts: DELETE → 301 → GET → 404 never ran the DELETE.
 */
export const deleteNotFoundRule: Rule = {
  id: 'deleteNotFound',
  name: 'deleteNotFound',
  decide({ response }, { hop }) {
    if (!response || response.status !== 404 || hop.method !== 'DELETE') return NEXT;
    return { type: 'resolve', response, info: { alreadyDeleted: true } };
  },
};
