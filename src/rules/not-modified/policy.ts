import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import type { NotModifiedOptions } from './types';
import { notModifiedOptions } from './options';
import { notModifiedRule } from './rule';

/** 304: resolve, optionally from the validator cache. */
export const notModified = (options?: NotModifiedOptions): Policy<'notModified'> => blockPolicy(notModifiedOptions, [notModifiedRule], options);
