import type { BlockSpec } from '../../options/block';

export const deleteNotFoundOptions: BlockSpec<'deleteNotFound'> = {
  name: 'deleteNotFound',
  switchOnly: true,
  schema: {},
  defaults: true,
  finish: () => true,
};
