import type { Policy } from '../policy';
import { blockPolicy } from '../policy';
import type { RedirectOptions } from './types';
import { redirectOptions } from './options';
import { redirectsRule } from './rule';

/** 3xx: the redirect method rules, hop by hop. */
export const redirects = (options?: RedirectOptions): Policy<'redirects'> => blockPolicy(redirectOptions, [redirectsRule], options);
