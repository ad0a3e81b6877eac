import type { AxiosInstance } from 'axios';
import { createEngine } from './engine';
import { StatusPolicyConfigError } from './errors';
import { resolveOptions } from './options';
import { POLICY_ORDER } from './policies/order';
import { Scope } from './scope';
import type { StatusPolicyHandle, StatusPolicyOptions } from './types';

const attached = new WeakMap<AxiosInstance, Scope>();

/**
 * Attaches the status policy to an axios instance: one request and one response interceptor.
 * Throws `StatusPolicyConfigError` on an unknown or malformed option, or when a policy is already
 * attached to this instance (detach it first).
 */
export function attachStatusPolicy(instance: AxiosInstance, options?: StatusPolicyOptions): StatusPolicyHandle {
  if (typeof instance?.interceptors?.request?.use !== 'function' || typeof instance.request !== 'function') {
    throw new StatusPolicyConfigError('attachStatusPolicy needs an axios instance (axios.create())');
  }
  if (attached.has(instance)) {
    throw new StatusPolicyConfigError(
      'a status policy is already attached to this axios instance; call detach() on the first one before attaching again',
    );
  }
  const scope = new Scope(instance, resolveOptions(options), POLICY_ORDER);
  const engine = createEngine(scope);
  const requestId = instance.interceptors.request.use(engine.onRequest, undefined, { runWhen: engine.runWhen });
  const responseId = instance.interceptors.response.use(engine.onFulfilled, engine.onRejected);
  attached.set(instance, scope);

  return {
    detach() {
      if (scope.detached) return;
      // eject, never clear(): the user's own interceptors stay where they are.
      instance.interceptors.request.eject(requestId);
      instance.interceptors.response.eject(responseId);
      scope.detach();
      attached.delete(instance);
    },
  };
}
