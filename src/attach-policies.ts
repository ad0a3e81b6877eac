import type { AxiosInstance } from 'axios';
import type { Coordinator } from './coordinator/coordinator';
import { memoryCoordinator } from './coordinator/memory';
import { StatusPolicyConfigError } from './config-error';
import { resolveOptions } from './options/resolve';
import { fail, isObject } from './options/validate';
import type { Extensions } from './rules/extensions';
import type { Policy } from './rules/policy';
import { RULE_ORDER } from './rules/registry';
import type { Rule } from './rules/rule';
import { Attachment } from './run/attachment';
import { createInterceptors } from './run/interceptors';
import type { AroundResend, PolicyEvent, StatusPolicyHandle } from './types';

/** What `attachPolicies` takes besides the policies: the options every rule shares. */
export interface SharedPolicyOptions {
  /** Budget for all attempts and waits of one request, in ms; `timeout` stays per attempt. @default 0 (none) */
  totalTimeoutMs?: number;
  /** One hook for logging and metrics: every retry, hold, redirect and decision. */
  onEvent?: (event: PolicyEvent) => void;
  /** Runs each re-send of a request (a retry, a redirect hop) inside a context of yours; see {@link AroundResend}. */
  aroundResend?: AroundResend;
  /** Where shared state lives (refresh, holds, validator cache). @default memoryCoordinator(), one per attach */
  coordinator?: Coordinator;
}

/** One attachment per instance at a time: attaching twice would run every rule twice. */
const attachmentOf = (instance: AxiosInstance): Attachment | undefined => {
  const attachment: unknown = Reflect.get(instance, 'statusPolicyAttachment');
  return attachment instanceof Attachment ? attachment : undefined;
};

/**
 * Attaches `policies` (from the factories of `axios-status-policy/compose`) to `instance`: one
 * request and one response interceptor. `attachStatusPolicy` is this with every policy. Throws
 * `StatusPolicyConfigError` on an unknown or malformed option, a policy given twice, or when a
 * policy is already attached to this instance (detach it first).
 */
export function attachPolicies(instance: AxiosInstance, policies: readonly Policy[], options?: SharedPolicyOptions): StatusPolicyHandle {
  checkPolicyList(policies);
  const names = new Set(policies.map((p) => p.name));
  for (const p of policies) {
    if (p.needs && !names.has(p.needs)) throw new StatusPolicyConfigError(`${p.name}() works under the ${p.needs} policy: attach ${p.needs}() too`);
  }
  return attach(instance, policies, options, true);
}

const isPolicy = (p: unknown): p is Policy =>
  typeof p === 'object' && p !== null && 'spec' in p && 'name' in p && 'rules' in p && Array.isArray(p.rules);

/**
 * The list as JavaScript callers get it wrong: not an array, or a factory not called
 * (`[retry, rateLimit]`). Each would fail later as a bare TypeError from inside.
 */
function checkPolicyList(policies: unknown): asserts policies is readonly Policy[] {
  const example = 'e.g. attachPolicies(api, [retry(), rateLimit()])';
  if (!Array.isArray(policies)) fail('policies', `an array of policies (${example})`, policies);
  policies.forEach((p: unknown, i) => {
    if (typeof p === 'function') {
      const name = p.name || 'policy';
      throw new StatusPolicyConfigError(`attachPolicies: policies[${i}] is the ${name} factory itself; call it: ${name}() (${example})`);
    }
    if (!isPolicy(p)) fail(`policies[${i}]`, `a policy from a factory of axios-status-policy/compose (${example})`, p);
  });
}

/**
 * The one attach behind both entries; `composed` says which options object `shared` is: with
 * `attachStatusPolicy` each block's input is read from it, with `attachPolicies` it is the
 * policy's own options.
 */
export function attach(instance: AxiosInstance, policies: readonly Policy[], shared: unknown, composed: boolean): StatusPolicyHandle {
  if (typeof instance?.interceptors?.request?.use !== 'function' || typeof instance.request !== 'function') {
    throw new StatusPolicyConfigError(`${composed ? 'attachPolicies' : 'attachStatusPolicy'} needs an axios instance (axios.create())`);
  }
  if (attachmentOf(instance)) {
    throw new StatusPolicyConfigError('a status policy is already attached to this axios instance; call detach() on the first one before attaching again');
  }
  const names = new Set<string>();
  for (const { name } of policies) {
    if (names.has(name)) throw new StatusPolicyConfigError(`the ${name} policy is given twice`);
    names.add(name);
  }
  // attachStatusPolicy's blocks are keys of its one options object (absent: the block's default).
  const inputOf = (p: Policy, name: string): unknown => (composed ? p.options : isObject(shared) ? shared[name] : undefined);
  const inputs = policies.flatMap((p) => (p.spec ? [[p.spec, inputOf(p, p.spec.name)] as const] : []));
  const specs = inputs.map(([spec]) => spec);
  const options = resolveOptions(inputs, shared, memoryCoordinator, composed);
  const extensions = policies.reduce<Partial<Extensions>>((all, p) => ({ ...all, ...p.extensions }), {});
  const rules: Rule[] = policies.flatMap((p) => p.rules).sort((a, b) => RULE_ORDER.indexOf(a.id) - RULE_ORDER.indexOf(b.id));
  const attachment = new Attachment(instance, options, rules, specs, options.coordinator, extensions);
  const maxHoldMs = options.rateLimit ? options.rateLimit.maxRetryAfterMs : undefined;
  options.coordinator.connect?.(attachment, (event) => attachment.emit(event), { maxHoldMs });
  const interceptors = createInterceptors(attachment);
  const requestId = instance.interceptors.request.use(interceptors.onRequest, undefined, { runWhen: interceptors.runWhen });
  const responseId = instance.interceptors.response.use(interceptors.onFulfilled, interceptors.onRejected);
  Object.defineProperty(instance, 'statusPolicyAttachment', { value: attachment, configurable: true });

  return {
    detach() {
      if (attachment.detached) return;
      // eject, never clear(): the caller's own interceptors stay where they are.
      instance.interceptors.request.eject(requestId);
      instance.interceptors.response.eject(responseId);
      attachment.detach();
      Reflect.deleteProperty(instance, 'statusPolicyAttachment');
    },
    refresh() {
      const refresher = rules.find((rule) => rule.refreshNow);
      return refresher?.refreshNow ? refresher.refreshNow(attachment, attachment.options) : Promise.reject(new StatusPolicyConfigError('policy.refresh() needs the auth policy: attach with auth: { refresh } (or the auth() factory)'));
    },
  };
}
