import type { BlockSpec } from '../../options/block';
import type { RetryOptions } from '../../types';

export type ResolvedRetryOptions = Required<RetryOptions>;

/** The methods axios knows; anything else in `retry.methods` is a typo (`'FETCH'`). */
const METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'POST', 'PATCH', 'PURGE', 'LINK', 'UNLINK', 'CONNECT'];

export const retryOptions: BlockSpec<'retry'> = {
  name: 'retry',
  onByDefault: true,
  schema: {
    maxRetries: 'count',
    baseDelayMs: 'ms',
    maxDelayMs: 'ms',
    methods: [
      (v) => Array.isArray(v) && v.every((m) => typeof m === 'string' && METHODS.includes(m.toUpperCase())),
      `an array of HTTP methods (${METHODS.join(', ')})`,
    ],
    networkErrors: 'bool',
  },
  defaults: {
    maxRetries: 3,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'],
    networkErrors: true,
  },
  finish: (block) => {
    block.methods = (block.methods as string[]).map((m) => m.toUpperCase());
  },
};
