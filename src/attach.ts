import type { AxiosInstance } from 'axios';
import { attach } from './attach-policies';
import { everyPolicy } from './policies';
import { fail } from './options/validate';
import type { StatusPolicyHandle, StatusPolicyOptions } from './types';

/**
 * Attaches the whole status policy to an axios instance: one request and one response interceptor.
 * The same as `attachPolicies` (from `axios-status-policy/compose`) with every policy, each block
 * read from `options`. Throws `StatusPolicyConfigError` on an unknown or malformed option, or when a
 * policy is already attached to this instance (detach it first).
 */
export function attachStatusPolicy(instance: AxiosInstance, options?: StatusPolicyOptions): StatusPolicyHandle {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    fail('options', 'an object', options);
  }
  // Each block's input is whatever the caller wrote for it (or nothing: its default).
  return attach(instance, everyPolicy(), options, false);
}
