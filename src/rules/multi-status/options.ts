import type { BlockSpecFor } from '../../options/spec';
import type { MultiStatusOptions } from './types';

export type ResolvedMultiStatusOptions = Required<MultiStatusOptions>;

export const multiStatusOptions: BlockSpecFor<'multiStatus', MultiStatusOptions, ResolvedMultiStatusOptions> = {
  name: 'multiStatus',
  acceptsTrue: true,
  schema: {
    largeIntegers: [(v) => v === 'number' || v === 'string', '"number" or "string"'],
    maxParts: 'count',
    maxHeaderLines: 'count',
    maxHeaderBytes: 'count',
  },
  defaults: { largeIntegers: 'number', maxParts: 100_000, maxHeaderLines: 100, maxHeaderBytes: 65_536 },
  finish: (block) => block,
};
