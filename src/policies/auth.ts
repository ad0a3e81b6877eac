import { NEXT } from '../policy';
import type { Policy } from '../policy';

// Placeholder: the auth rule lands in its own issue. It answers `next` for everything.
export const authPolicy: Policy = {
  name: 'auth',
  decide: () => NEXT,
};
