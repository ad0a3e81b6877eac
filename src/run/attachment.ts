import { Axios } from 'axios';
import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Coordinator } from '../coordinator/coordinator';
import type { Extensions } from '../rules/extensions';
import type { BlockSpec } from '../options/block';
import type { ResolvedOptions } from '../options/resolved';
import type { RedirectHandling } from '../rules/redirects/platform';
import type { Rule } from '../rules/rule';
import type { PolicyEvent } from '../types';
import type { WaitHost } from './wait';

/**
 * One attachment of the policy to an axios instance (what `attachStatusPolicy` and
 * `attachPolicies` make; not an HTTP host). Everything it owns: the instance, the options, the
 * rules in force, where shared state lives (the coordinator) and the waits to end on `detach()`.
 */
export class Attachment implements WaitHost {
  readonly waits = new Set<() => void>();
  detached = false;
  /**
   * What each adapter (the `adapter` setting: a function, or a list axios picks from) does with
   * redirects, learnt once: looking the adapter up costs more than the rest of a plain request.
   */
  readonly redirectHandling = new WeakMap<object, RedirectHandling>();
  /** The rules in force for the attach-level options, and those with a `beforeSend` hook. */
  readonly rulesInForce: readonly Rule[];
  readonly hooksInForce: readonly Rule[];
  /**
   * axios's request pipeline without any interceptor: `transformRequest`, the adapter,
   * `validateStatus`, `transformResponse`. Redirect hops go through it, so the caller's request
   * interceptors (which add credentials) never run for another URL than the one they were asked for.
   */
  private readonly bare: Axios;

  constructor(
    readonly instance: AxiosInstance,
    readonly options: ResolvedOptions,
    readonly rules: readonly Rule[],
    /** How the attached blocks are read: per-request overrides use them. */
    readonly specs: readonly BlockSpec[],
    readonly coordinator: Coordinator,
    /** What the opt-in policies lend (errorDetails, rateLimitHeaders). */
    readonly extensions: Partial<Extensions> = {},
    readonly now: () => number = Date.now,
  ) {
    this.rulesInForce = this.rulesFor(options);
    this.hooksInForce = this.rulesInForce.filter((rule) => rule.beforeSend);
    this.bare = new Axios({});
  }

  /** The rules a request with these options consults (a block set to `false` is left out). */
  rulesFor(options: ResolvedOptions): readonly Rule[] {
    if (options === this.options && this.rulesInForce) return this.rulesInForce;
    return this.rules.filter((rule) => options[rule.name] !== false);
  }

  hooksFor(options: ResolvedOptions): readonly Rule[] {
    return options === this.options ? this.hooksInForce : this.rulesFor(options).filter((rule) => rule.beforeSend);
  }

  /** Sends a config through axios without interceptors (see `bare`). */
  sendBare(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
    return this.bare.request(config);
  }

  /** The hook must never break a request: a throwing logger is ignored. */
  emit(event: PolicyEvent): void {
    const hook = this.options.onEvent;
    if (!hook) return;
    try {
      hook(event);
    } catch {
      // deliberately ignored
    }
  }

  detach(): void {
    this.detached = true;
    for (const end of [...this.waits]) end();
    this.coordinator.detach(this);
  }
}
