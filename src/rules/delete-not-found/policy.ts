import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import { deleteNotFoundOptions } from './options';
import { deleteNotFoundRule } from './rule';

/** DELETE → 404 resolves as already deleted. */
export const deleteNotFound = (): Policy<'deleteNotFound'> => blockPolicy(deleteNotFoundOptions, [deleteNotFoundRule], true);
