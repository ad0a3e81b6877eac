import { NEXT } from '../policy';
import type { Policy } from '../policy';

// Placeholder: the redirects rule lands in its own issue. It answers `next` for everything.
export const redirectPolicy: Policy = {
  name: 'redirects',
  decide: () => NEXT,
};
