import { AxiosHeaders } from 'axios';
import type { AxiosError, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { enrichError } from '../errors';
import { isReplayable } from '../http/body';
import type { ResolvedOptions } from '../options/resolved';
import { isThenable } from '../rules/rule';
import type { Answer, Decision, RuleContext } from '../rules/rule';
import type { PolicyName, RedirectHop as ChainEntry, StatusPolicyInfo, StopReason } from '../types';
import type { Host } from './host';
import { CallerHop, RedirectHop } from './hop';
import type { Hop, NextHop } from './hop';
import { carried, carry } from './run-key';
import { releaseBody } from './release-body';
import { SLOT_NAMES } from './run-slot';
import type { RunSlot } from './run-slot';
import { timeoutError } from './timeout-error';
import { BUDGET_SPENT, DETACHED, sleep } from './wait';
import type { TimeLimit } from './wait';

const configOf = (error: unknown): InternalAxiosRequestConfig | undefined => {
  const config = (error as Partial<AxiosError> | null)?.config;
  return typeof config === 'object' && config !== null ? config : undefined;
};

const answerOf = (error: unknown): Answer => ({ response: (error as Partial<AxiosError> | null)?.response, error });

/**
 * One logical request, from its first send to its settle. It owns the caller's config, every hop
 * and attempt, the answers and the decisions. The life of a run (ARCHITECTURE.md):
 *
 *   start      the request interceptor makes the run and runs the rules' `beforeSend` hooks
 *   answer     axios hands the answer to our response interceptor, which gives it to the run
 *   decide     the rules see the answer in order; the first that does not say `next` decides
 *   follow     a redirect: the next hop goes out through axios without interceptors, then decide
 *   retry      wait, then send the hop that answered again (the caller's request through the
 *              instance, so request interceptors run again; a redirect hop without them), decide
 *   settle     resolve or reject once, with what the policy did on `statusPolicy`
 */
export class Run {
  attempts = 1;
  /** Requests sent so far, redirect hops included: a re-send's `resendCount` (`aroundResend`). */
  private sends = 1;
  readonly delays: number[] = [];
  retryAfterMs: number | undefined = undefined;
  /** Retries made so far, per rule. */
  readonly retries: Partial<Record<PolicyName, number>> = {};
  /** The 3xx answers of the current attempt (`statusPolicy.redirectChain`); made at the first one. */
  chain: ChainEntry[] | undefined = undefined;
  /** The hop about to go out, or the one that produced the latest answer. */
  hop: Hop;
  /** The config of the current attempt through the instance: what `response.config` is. */
  config: InternalAxiosRequestConfig;
  /** A hold started before the first send (in `runWhen`), awaited by the request interceptor. */
  pending: Promise<void> | undefined = undefined;
  /** Once settled, a config carrying this run starts a new one if the caller sends it again. */
  settled = false;
  /** Facts rules add to `statusPolicy` (a cache hit, rate-limit headers…). */
  private notes: Partial<StatusPolicyInfo> | undefined = undefined;
  /**
   * Slot values by slot index: a list read and written at fixed places, where an object with a
   * key per slot changes shape as each rule adds its own.
   */
  private slots: unknown[] | undefined = undefined;
  /** Set while a re-send through the instance is in flight: its answer is handed here. */
  private handOver: ((answer: Answer) => void) | undefined = undefined;
  /** When the current attempt went out: `timeout` covers one attempt's whole redirect chain. */
  private attemptStarted: number;
  /** What rules asked to do once the run settles (put back config values they changed for the adapter). */
  private cleanups: Array<(run: Run) => void> | undefined = undefined;
  /**
   * The timeout error a wait before a send ended with (`timeLimit`): it reaches `decide` as the
   * answer, and settles the run as it is. A retry would only wait in the same hold again.
   */
  private expired: unknown = undefined;
  /** The rules' view of the current hop, made once per hop (every send and every answer needs it). */
  private context: RuleContext | undefined = undefined;
  /**
   * The adapter the caller's request was dispatched to, read before the first send: redirect hops
   * go to the same one (an adapter may delete it from the config it is given, as axios-mock-adapter does).
   */
  readonly adapter: InternalAxiosRequestConfig['adapter'] | undefined;

  private constructor(
    readonly host: Host,
    readonly options: ResolvedOptions,
    config: InternalAxiosRequestConfig,
    /** The body before `transformRequest`; each attempt transforms it once, from scratch. */
    readonly body: unknown,
    /** The caller's per-attempt timeout, before any budget clamps it. */
    readonly timeout: number | undefined,
    /** Epoch ms when all attempts must be over; 0 for no budget. */
    readonly deadline: number,
  ) {
    this.config = config;
    this.adapter = config.adapter;
    this.hop = new CallerHop(config, body, host.instance);
    this.attemptStarted = timeout ? host.now() : 0;
  }

  /** The live run `config` carries for `host`, if any. */
  static of(config: object, host: Host): Run | undefined {
    const run = carried(config);
    return run instanceof Run && run.host === host && !run.settled ? run : undefined;
  }

  /** Starts the run of a request on its first send. Throws on a malformed `statusPolicy`. */
  static start(config: InternalAxiosRequestConfig, host: Host, options: ResolvedOptions): Run {
    const deadline = options.totalTimeoutMs > 0 ? host.now() + options.totalTimeoutMs : 0;
    const run = new Run(host, options, config, config.data, config.timeout, deadline);
    carry(config, run);
    if (deadline) config.timeout = run.budgetTimeout();
    return run;
  }

  /** Runs `cleanup` once the run settles, before the caller sees the result. */
  whenSettled(cleanup: (run: Run) => void): void {
    // A list made with its first entry: one pushed onto an empty one gets room for sixteen.
    if (this.cleanups) this.cleanups.push(cleanup);
    else this.cleanups = [cleanup];
  }

  get<T>(slot: RunSlot<T>): T | undefined {
    return this.slots?.[slot.index] as T | undefined;
  }

  set<T>(slot: RunSlot<T>, value: T): void {
    (this.slots ??= new Array<unknown>(SLOT_NAMES.length))[slot.index] = value;
  }

  /** Adds facts to what `info()` reports; later notes win. */
  note(facts: Partial<StatusPolicyInfo>): void {
    this.notes = this.notes ? { ...this.notes, ...facts } : facts;
  }

  noted(): Partial<StatusPolicyInfo> | undefined {
    return this.notes;
  }

  info(): StatusPolicyInfo {
    const base = { attempts: this.attempts, delays: this.delays.slice(), retryAfterMs: this.retryAfterMs };
    return this.notes ? { ...this.notes, ...base } : base;
  }

  // ---- before a send --------------------------------------------------------------------

  /** The caller's request about to go out with `config` (the first send, or a re-send through the instance). */
  sending(config: InternalAxiosRequestConfig): Hop {
    if (this.hop.config !== config) {
      this.config = config;
      this.hop = new CallerHop(config, this.body, this.host.instance);
    }
    return this.hop;
  }

  /**
   * Runs the `beforeSend` hooks for `hop` from index `from`; synchronous until one has to wait.
   * One context for all of them: this runs for every request, and each object is garbage.
   */
  beforeSend(hop: Hop, from = 0): Promise<void> | undefined {
    const ctx = this.contextFor(hop);
    const hooks = this.host.hooksFor(this.options);
    for (let i = from; i < hooks.length; i++) {
      const wait = hooks[i]!.beforeSend!(ctx);
      if (wait) {
        return wait.then(
          () => {
            // The time spent waiting was the caller's: the send has only what is left of it.
            const left = this.timeLeft();
            if (left !== Infinity && hop.config.timeout) hop.config.timeout = Math.max(1, Math.min(hop.config.timeout, left));
            return this.beforeSend(hop, i + 1);
          },
          (error: unknown) => {
            // Detached while held: the request goes out as if the policy had never been there.
            if (error === DETACHED) return;
            throw enrichError(error, this.info(), false, undefined);
          },
        );
      }
    }
    return undefined;
  }

  // ---- an answer arrives ----------------------------------------------------------------

  /**
   * An answer from our response interceptor. For a re-send, the retry step in progress is waiting
   * for it: it is handed over, and the nested interceptor chain is left pending forever (a fresh
   * promise, collected with the chain), so interceptors registered after ours see one result per
   * logical request, not one per attempt. axios has no other way to leave a chain early.
   */
  answer(config: InternalAxiosRequestConfig, answer: Answer): AxiosResponse | Promise<AxiosResponse> {
    const handOver = this.handOver;
    if (handOver) {
      handOver(answer);
      return new Promise<never>(() => undefined);
    }
    if (config !== this.config) {
      // A request interceptor returned a new config object: that is what went out.
      this.config = config;
      this.hop = new CallerHop(config, this.body, this.host.instance);
    }
    return this.decide(answer);
  }

  /** Asks the rules from index `from` on; synchronous until one of them answers with a promise. */
  private decide(answer: Answer, from = 0): AxiosResponse | Promise<AxiosResponse> {
    if (this.host.detached) return this.settle(answer, false, 'detached');
    if (answer.error !== undefined && answer.error === this.expired) return this.settle(answer, false, undefined);
    const ctx = this.contextFor(this.hop);
    const rules = this.host.rulesFor(this.options);
    for (let i = from; i < rules.length; i++) {
      const rule = rules[i]!;
      const decision = rule.decide(answer, ctx);
      if (isThenable<Decision>(decision)) {
        return decision.then((d) => (d.type === 'next' ? this.decide(answer, i + 1) : this.act(answer, d, rule.name)));
      }
      if (decision.type !== 'next') return this.act(answer, decision, rule.name);
    }
    return this.settle(answer, false, undefined);
  }

  private act(answer: Answer, decision: Exclude<Decision, { type: 'next' }>, rule: PolicyName): AxiosResponse | Promise<AxiosResponse> {
    switch (decision.type) {
      case 'resolve':
        // The status the rule ruled on (a 304), not the one it resolved with (the cached 200).
        this.host.emit({ type: 'resolve', policy: rule, status: answer.response?.status ?? decision.response.status, config: this.config });
        return this.resolveWith(decision.response, decision.info);
      case 'reject':
        this.finish();
        throw enrichError(this.adopt(decision.error), this.info(), false, undefined);
      case 'stop':
        return this.settle(answer, decision.retryable, decision.reason);
      case 'follow':
        return this.follow(answer, decision.next);
      case 'retry':
        return this.retry(answer, decision, rule);
    }
  }

  // ---- follow a redirect ----------------------------------------------------------------

  /**
   * Sends the next hop of a redirect as the redirects rule built it, then decides on its answer.
   * The run adds only its transport settings: the adapter and what is left of the timeout.
   */
  private async follow(answer: Answer, next: NextHop): Promise<AxiosResponse> {
    // An intermediate 3xx body is never read: release a streamed one so its socket is freed.
    releaseBody(answer.response);
    this.host.emit({ type: 'redirect', status: answer.response!.status, method: next.method, from: this.hop.url, to: next.url, config: this.config });
    const { config } = next;
    const adapter = config.adapter || this.adapter;
    if (adapter) config.adapter = adapter;
    if (this.timeout) config.timeout = Math.max(1, this.timeout - (this.host.now() - this.attemptStarted));
    this.hop = new RedirectHop(config, next.method, next.url, next.body, next.credentialsDropped);
    return this.decide(await this.sendHop(this.hop));
  }

  /**
   * Sends a hop through axios without interceptors: the caller's request interceptors ran for the
   * request they were asked for, and must not add credentials to another URL.
   */
  private async sendHop(hop: Hop): Promise<Answer> {
    try {
      await this.beforeSend(hop);
      return { response: await this.host.resend(hop.config, () => this.host.sendBare(hop.config), this.sends++), error: undefined };
    } catch (error) {
      return answerOf(error);
    }
  }

  // ---- retry ----------------------------------------------------------------------------

  private async retry(answer: Answer, decision: Extract<Decision, { type: 'retry' }>, rule: PolicyName): Promise<AxiosResponse> {
    const hop = this.hop;
    if (!isReplayable(hop.body)) return this.settle(answer, true, 'body-not-replayable');
    // Whole milliseconds in statusPolicy.delays and events (an HTTP-date Retry-After is not).
    const delayMs = Math.round(decision.delayMs);
    if (this.deadline && this.host.now() + delayMs >= this.deadline) return this.settle(answer, true, 'budget-exhausted');

    this.retries[rule] = (this.retries[rule] ?? 0) + 1;
    this.attempts += 1;
    this.delays.push(delayMs);
    this.host.emit({
      type: 'retry',
      policy: rule,
      attempt: this.attempts,
      delayMs,
      status: answer.response?.status,
      code: (answer.error as Partial<AxiosError> | undefined)?.code,
      config: this.config,
    });
    // The answer is discarded: a streamed body must give its socket back to the agent.
    releaseBody(answer.response);
    try {
      await (decision.wait ? decision.wait() : sleep(delayMs, this.config, this.host));
    } catch (error) {
      if (error === DETACHED) return this.settle(answer, true, 'detached');
      if (error === BUDGET_SPENT) return this.settle(answer, true, 'budget-exhausted');
      this.finish();
      throw enrichError(error, this.info(), false, undefined);
    }
    // A copy, so the config of the failed send (on its error, in a mock's history) stays as it
    // was sent; and the body as given, since transformRequest must run once per send, not twice.
    const config: InternalAxiosRequestConfig = { ...hop.config, data: hop.body, headers: new AxiosHeaders(hop.config.headers) };
    this.attemptStarted = this.timeout ? this.host.now() : 0;
    if (this.deadline) config.timeout = this.budgetTimeout();
    else if (hop.redirected && this.timeout) config.timeout = this.timeout;
    decision.prepare?.(config);
    if (hop.redirected) {
      // After POST → 303 → GET, a 503 retries the GET: the POST was processed.
      this.hop = new RedirectHop(config, hop.method, hop.url, hop.body, hop.credentialsDropped);
      return this.decide(await this.sendHop(this.hop));
    }
    this.chain = undefined;
    const next = await this.resend(config);
    this.config = next.response?.config ?? configOf(next.error) ?? config;
    this.hop = new CallerHop(this.config, this.body, this.host.instance);
    return this.decide(next);
  }

  /** Sends the caller's request again through the instance, and resolves with its raw answer. */
  private resend(config: InternalAxiosRequestConfig): Promise<Answer> {
    return new Promise<Answer>((resolve) => {
      const handOver = (answer: Answer): void => {
        if (this.handOver !== handOver) return;
        this.handOver = undefined;
        resolve(answer);
      };
      this.handOver = handOver;
      // Answers that never reach our interceptor (one thrown by an interceptor registered
      // before ours, say) still end the attempt through these handlers.
      this.host.resend(config, () => this.host.instance.request(config), this.sends++).then(
        (response) => handOver({ response, error: undefined }),
        (error: unknown) => handOver(answerOf(error)),
      );
    });
  }

  /**
   * Milliseconds this attempt may still spend before its send: what is left of its `timeout`
   * (one attempt's, redirects included) and of `totalTimeoutMs`; Infinity with neither.
   */
  private timeLeft(): number {
    const at = this.host.now();
    const own = this.timeout ? this.timeout - (at - this.attemptStarted) : Infinity;
    return this.deadline ? Math.min(own, this.deadline - at) : own;
  }

  /**
   * The bound of a wait before `config` is sent (an origin hold): when the request's own time runs
   * out first, it settles with axios's timeout error, not retried. `undefined` with no time set.
   */
  timeLimit(config: InternalAxiosRequestConfig): TimeLimit | undefined {
    const ms = this.timeLeft();
    if (ms === Infinity) return undefined;
    return { ms, error: () => (this.expired = timeoutError(config)) };
  }

  /**
   * The bound of a retry's wait at its origin's gate, which may outlast the delay asked (the
   * paced release): what is left of `totalTimeoutMs`. `undefined` without a budget.
   */
  retryLimit(): TimeLimit | undefined {
    return this.deadline ? { ms: this.deadline - this.host.now(), error: () => BUDGET_SPENT } : undefined;
  }

  private budgetTimeout(): number {
    const left = Math.max(1, this.deadline - this.host.now());
    return this.timeout ? Math.min(this.timeout, left) : left;
  }

  // ---- settle ---------------------------------------------------------------------------

  /** Responses and errors of a redirect hop carry the config the caller dispatched, as without us. */
  private adopt<T>(target: T): T {
    if (!this.hop.redirected) return target;
    const carrier = target as { config?: unknown; response?: { config?: unknown } } | null;
    if (typeof carrier === 'object' && carrier) {
      if (carrier.config) carrier.config = this.config;
      if (carrier.response) carrier.response.config = this.config;
    }
    return target;
  }

  private finish(): void {
    this.settled = true;
    this.reportChain();
    const cleanups = this.cleanups;
    this.cleanups = undefined;
    if (cleanups) for (const cleanup of cleanups) cleanup(this);
  }

  private resolveWith(response: AxiosResponse, extra?: Partial<StatusPolicyInfo>): AxiosResponse {
    this.finish();
    this.adopt(response);
    response.statusPolicy = extra ? { ...this.info(), ...extra } : this.info();
    return response;
  }

  /** Ends with the answer as it stands: axios's own verdict, enriched. */
  private settle(answer: Answer, retryable: boolean, reason: StopReason | undefined): AxiosResponse {
    if (reason) this.host.emit({ type: 'giveUp', reason, status: answer.response?.status, config: this.config });
    if (answer.error === undefined && answer.response) return this.resolveWith(answer.response);
    this.finish();
    throw enrichError(this.adopt(answer.error), this.info(), retryable, reason);
  }

  /** `redirectChain` and `finalUrl` of the last attempt; a retry that was not redirected reports none. */
  private reportChain(): void {
    const hops = this.chain && this.chain.length ? this.chain : undefined;
    if (hops || (this.notes && this.notes.redirectChain)) this.note({ redirectChain: hops, finalUrl: hops && this.hop.url });
  }

  private contextFor(hop: Hop): RuleContext {
    const known = this.context;
    if (known && known.hop === hop) return known;
    return (this.context = { run: this, hop, config: hop.config, options: this.options, host: this.host });
  }
}
