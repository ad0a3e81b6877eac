import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import type { MultiStatusOptions } from './types';
import { multiStatusOptions } from './options';
import { multiStatusRule } from './rule';

/** 207 multipart batches become an array of sub-responses. */
export const multiStatus = (options?: MultiStatusOptions): Policy<'multiStatus'> => blockPolicy(multiStatusOptions, [multiStatusRule], options);
