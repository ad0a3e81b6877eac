import { NEXT } from '../policy';
import type { Policy } from '../policy';

// Placeholder: the multiStatus rule lands in its own issue. It answers `next` for everything.
export const multiStatusPolicy: Policy = {
  name: 'multiStatus',
  decide: () => NEXT,
};
