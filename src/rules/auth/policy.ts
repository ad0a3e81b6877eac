import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import type { AuthOptions } from './types';
import { authOptions } from './options';
import { authRule } from './rule';

/** 401: one refresh for every concurrent 401, then repeat. */
export const auth = (options: AuthOptions): Policy<'auth'> => blockPolicy(authOptions, [authRule], options);

/** The auth policy of `attachStatusPolicy`, whose block is read from its options object (off when absent). */
export const authFromOptions = (): Policy<'auth'> => blockPolicy(authOptions, [authRule], undefined);
