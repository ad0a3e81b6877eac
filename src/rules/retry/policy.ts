import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import type { RetryOptions } from './types';
import { retryOptions } from './options';
import { retryRule } from './rule';

/** Other 5xx and network errors: backoff with jitter, idempotent requests only. */
export const retry = (options?: RetryOptions): Policy<'retry'> => blockPolicy(retryOptions, [retryRule], options);
