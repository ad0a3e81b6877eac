import { isAxiosError, isCancel } from 'axios';
import { MAX_RETRIES, backoffDelay } from '../backoff';
import { retryBudget } from './retry-budget';
import { getHeader } from '../../http/headers';
import type { RetryContext } from './types';
import { NEXT } from '../rule';
import type { Answer, Decision, Rule, RuleContext } from '../rule';
import { offlineResend } from './offline-wait';
import type { ResolvedRetryOptions } from './options';
import { failedConnection } from '../../network/failed-connection';
import { askShouldRetry, delayOf } from './tuning';

const NOT_IDEMPOTENT: Decision = { type: 'stop', reason: 'not-idempotent', retryable: false };
/** `shouldRetry` said no (or failed) where the built-in decision would have retried. */
const REFUSED: Decision = { type: 'stop', reason: 'not-retryable', retryable: false };
const OUT_OF_BUDGET: Decision = { type: 'stop', reason: 'retry-budget', retryable: true };

/** What the rule decides without `shouldRetry`: retry, refuse a non-idempotent request, or not mine. */
type Verdict = 'retry' | 'not-idempotent' | 'no';

/**
 * Whether the answer is one this rule retries: a status in `retry.statuses` (by default every 5xx
 * that `rateLimit.statuses` does not claim while rateLimit is on for the request), or a network
 * failure; and then whether the request may be sent again.
 */
function verdictOn({ response, error }: Answer, { hop, options }: RuleContext, opts: ResolvedRetryOptions): Verdict {
  const failed = failedConnection({ response, error });
  if (failed || !response) {
    if (!(failed && opts.networkErrors)) return 'no';
  } else {
    const { status } = response;
    const { statuses } = opts;
    const rateLimit = options.rateLimit;
    const ours = statuses ? statuses.includes(status) : status >= 500 && status <= 599 && !(rateLimit && rateLimit.statuses.includes(status));
    if (!ours) return 'no';
  }
  // A non-idempotent request may have been applied before the failure; sending it again could
  // apply it twice. The caller vouches for it with an Idempotency-Key.
  return opts.methods.includes(hop.method) || getHeader(hop.config.headers, 'idempotency-key') !== undefined ? 'retry' : 'not-idempotent';
}

/**
 * Other 5xx and network errors (the statuses of `retry.statuses`): retried with exponential
 * backoff and equal jitter, for idempotent methods or requests carrying an `Idempotency-Key`,
 * while the origin's retry budget allows. `shouldRetry` has the final say and `delay` sets the
 * wait. The method, URL and headers are those of the hop that answered: after POST → 303 → GET,
 * a 500 is the GET's.
 */
export const retryRule: Rule = {
  id: 'retry',
  name: 'retry',
  decide(answer, ctx) {
    // Never `false` here: the run does not consult a rule that is turned off.
    const opts = ctx.options.retry || undefined;
    if (!opts) return NEXT;
    const { hop, services } = ctx;
    const { response, error } = answer;
    // Every first attempt earns its origin some retries: a count in the storage seam, not in the
    // run. The one cost on the happy path: the origin string and a counter bump, nothing allocated.
    if (opts.budget && ctx.attempts === 1) services.coordinator.retryBudget(hop.origin, retryBudget).deposit();
    // The common case: an answer below 400 that axios accepted is never ours.
    if (error === undefined && response && response.status < 400) return NEXT;
    // A cancel is never retried, whatever `shouldRetry` would say.
    if (isCancel(error)) return NEXT;
    const verdict = verdictOn(answer, ctx, opts);
    const offline = verdict === 'retry' ? offlineResend(answer, ctx, opts.connectivity) : undefined;
    if (offline) return offline;
    const done = ctx.retries.retry ?? 0;
    const { shouldRetry } = opts;
    // `maxRetries` bounds `shouldRetry` too: once used up it is not asked.
    const ask = !!shouldRetry && done < opts.maxRetries && (error === undefined ? verdict !== 'no' : isAxiosError(error));
    if (!ask) {
      if (verdict === 'no') return NEXT;
      if (verdict === 'not-idempotent') return NOT_IDEMPOTENT;
      return done < opts.maxRetries ? retryNow(answer, ctx, opts, done) : MAX_RETRIES;
    }
    const context = contextFor(answer, ctx, opts, done);
    return askShouldRetry(shouldRetry, context, services, (said) => {
      const retry = said === undefined ? verdict === 'retry' : said;
      if (retry) return retryNow(answer, ctx, opts, done, context);
      if (verdict === 'not-idempotent') return NOT_IDEMPOTENT;
      return verdict === 'retry' ? REFUSED : NEXT;
    });
  },
};

/** The retry, if the origin's budget has one left; `delay` then sets the wait. */
function retryNow(answer: Answer, ctx: RuleContext, opts: ResolvedRetryOptions, done: number, context?: RetryContext): Decision {
  if (opts.budget && !ctx.services.coordinator.retryBudget(ctx.hop.origin, retryBudget).tryWithdraw(opts.budget)) return OUT_OF_BUDGET;
  if (opts.delay) return { type: 'retry', delayMs: delayOf(opts.delay, context ?? contextFor(answer, ctx, opts, done)) };
  return { type: 'retry', delayMs: context ? context.defaultMs : backoffDelay(done + 1, opts.baseDelayMs, opts.maxDelayMs) };
}

/** What `shouldRetry` and `delay` see, about the hop that answered. */
function contextFor({ response, error }: Answer, { hop }: RuleContext, opts: ResolvedRetryOptions, done: number): RetryContext {
  const context: RetryContext = {
    attempt: done + 1,
    error: isAxiosError(error) ? error : undefined,
    response,
    method: hop.method,
    url: hop.url,
    config: hop.config,
    defaultMs: backoffDelay(done + 1, opts.baseDelayMs, opts.maxDelayMs),
  };
  if (response) context.status = response.status;
  return context;
}
