import type { BlockSpec } from '../../options/block';
import type { MultiStatusOptions } from '../../types';

export type ResolvedMultiStatusOptions = Required<MultiStatusOptions>;

export const multiStatusOptions: BlockSpec<'multiStatus'> = {
  name: 'multiStatus',
  onByDefault: true,
  acceptsTrue: true,
  schema: {
    largeIntegers: [(v) => v === 'number' || v === 'string', '"number" or "string"'],
    maxParts: 'count',
  },
  defaults: { largeIntegers: 'number', maxParts: 100_000 },
};
