import { NEXT } from '../policy';
import type { Policy } from '../policy';

// Placeholder: the notModified rule lands in its own issue. It answers `next` for everything.
export const notModifiedPolicy: Policy = {
  name: 'notModified',
  decide: () => NEXT,
};
