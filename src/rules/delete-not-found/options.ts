import type { BlockSpecFor } from '../../options/spec';

export const deleteNotFoundOptions: BlockSpecFor<'deleteNotFound', Record<never, never>, true> = {
  name: 'deleteNotFound',
  switchOnly: true,
  schema: {},
  defaults: true,
  finish: () => true,
};
