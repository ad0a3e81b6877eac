import { NEXT } from '../policy';
import type { Policy } from '../policy';

// Placeholder: the deleteNotFound rule lands in its own issue. It answers `next` for everything.
export const deleteNotFoundPolicy: Policy = {
  name: 'deleteNotFound',
  decide: () => NEXT,
};
