import type { BlockSpec } from '../../options/block';

export const deleteNotFoundOptions: BlockSpec<'deleteNotFound'> = {
  name: 'deleteNotFound',
  onByDefault: true,
  schema: {},
  defaults: true,
};
