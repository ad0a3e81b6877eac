import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { enrichError } from '../errors';
import { isReplayable } from '../http/body';
import { resolveRequestOptions } from '../options/resolve';
import type { ResolvedOptions } from '../options/resolved';
import { isThenable } from '../rules/rule';
import type { Answer, Decision, Learned, RuleContext, RuleServices } from '../rules/rule';
import type { PolicyName, RedirectHop as ChainEntry, StatusPolicyInfo, StopReason } from '../types';
import type { Attachment } from './attachment';
import { CallerHop } from './hop';
import type { Hop } from './hop';
import { carried, carry } from './run-key';
import { releaseBody } from './release-body';
import { answerOf, configOf } from './rejection';
import { sendAround } from './around-resend';
import { Resend } from './resend';
import type { RunState, Slot } from './run-state';
import { timeoutError } from './timeout-error';
import { field } from '../field';
import { BUDGET_SPENT, DETACHED, sleep } from './wait';
import type { TimeLimit } from './wait';

/** An error's `code`, when it has one (axios's codes are strings). */
const codeOf = (error: unknown): string | undefined => {
  const code = field(error, 'code');
  return typeof code === 'string' ? code : undefined;
};

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
export class Run implements RunState {
  attempts = 1;
  /** Requests sent so far, redirect hops included: a re-send's `resendCount` (`aroundResend`). */
  private sends = 1;
  readonly delays: number[] = [];
  retryAfterMs: number | undefined = undefined;
  /** Retries made so far, per rule. */
  readonly retries: Partial<Record<PolicyName, number>> = {};
  /** The 3xx answers of the current attempt (`statusPolicy.redirectChain`); made at the first one. */
  private chain: ChainEntry[] | undefined = undefined;
  /** The hop about to go out, or the one that produced the latest answer; set only by `at`. */
  private hop: Hop;
  /** The config of the caller's current attempt: what `response.config` is; set only by `at`. */
  config: InternalAxiosRequestConfig;
  /** A hold started before the first send (in `runWhen`), awaited by the request interceptor. */
  pending: Promise<void> | undefined = undefined;
  /** Once settled, a config carrying this run starts a new one if the caller sends it again. */
  settled = false;
  /** Facts rules add to `statusPolicy` (a cache hit, rate-limit headers…). */
  private notes: Partial<StatusPolicyInfo> | undefined = undefined;
  /** The rules' own state for this request, by slot; made when a rule first keeps something. */
  private state: Map<Slot<unknown>, unknown> | undefined = undefined;
  /** The re-send through the instance in flight, if any: its answer is handed over to it. */
  private resending: Resend | undefined = undefined;
  /** When the current attempt went out: `timeout` covers one attempt's whole redirect chain. */
  private attemptStarted: number;
  /** What rules asked to do once the run settles (put back config values they changed for the adapter). */
  private cleanups: Array<Parameters<RunState['whenSettled']>[0]> | undefined = undefined;
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
    readonly attachment: Attachment,
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
    this.hop = new CallerHop(config, body, attachment.instance);
    this.attemptStarted = timeout ? attachment.now() : 0;
  }

  /** The live run `config` carries for `attachment`, if any. */
  static of(config: object, attachment: Attachment): Run | undefined {
    const run = carried(config);
    return run instanceof Run && run.attachment === attachment && !run.settled ? run : undefined;
  }

  /**
   * The one place a run starts, on the first send of a request: it resolves the request's options
   * (the attachment's, with `config.statusPolicy` over them; throws on a malformed one), keeps the
   * body before `transformRequest` and sets the total budget.
   */
  static start(config: InternalAxiosRequestConfig, attachment: Attachment): Run {
    const options = resolveRequestOptions(attachment.options, config.statusPolicy, attachment.specs);
    const deadline = options.totalTimeoutMs > 0 ? attachment.now() + options.totalTimeoutMs : 0;
    const run = new Run(attachment, options, config, config.data, config.timeout, deadline);
    carry(config, run);
    if (deadline) config.timeout = run.budgetTimeout();
    return run;
  }

  whenSettled(cleanup: Parameters<RunState['whenSettled']>[0]): void {
    (this.cleanups ??= []).push(cleanup);
  }

  get<T>(slot: Slot<T>): T | undefined {
    // A slot of `T` is only ever set with a `T` (`set` below).
    return this.state?.get(slot) as T | undefined;
  }

  set<T>(slot: Slot<T>, value: T | undefined): void {
    (this.state ??= new Map()).set(slot, value);
  }

  /** Adds facts to what `info()` reports; later notes win. */
  private note(facts: Partial<StatusPolicyInfo>): void {
    this.notes = this.notes ? { ...this.notes, ...facts } : facts;
  }

  /** Applies what a rule learned from an answer (its decision says it; the rule writes nothing here). */
  private learn({ note, redirect }: Learned): void {
    if (note) {
      if (note.retryAfterMs !== undefined) this.retryAfterMs = note.retryAfterMs;
      this.note(note);
    }
    if (redirect) (this.chain ??= []).push(redirect);
  }

  info(): StatusPolicyInfo {
    const base = { attempts: this.attempts, delays: this.delays.slice(), retryAfterMs: this.retryAfterMs };
    return this.notes ? { ...this.notes, ...base } : base;
  }

  // ---- before a send --------------------------------------------------------------------

  /**
   * The caller's request about to go out, or gone out, with `config` (the first send, a re-send
   * through the instance, or a config a request interceptor replaced): its hop.
   */
  sending(config: InternalAxiosRequestConfig): Hop {
    return this.hop.config === config ? this.hop : this.at(new CallerHop(config, this.body, this.attachment.instance));
  }

  /** The hop now in flight. A hop never changes: each attempt, each redirect is a new one. */
  private at(hop: Hop): Hop {
    this.hop = hop;
    if (!hop.redirected) this.config = hop.config;
    return hop;
  }

  /**
   * Runs the `beforeSend` hooks for `hop` from index `from`; synchronous until one has to wait.
   * One context for all of them: this runs for every request, and each object is garbage.
   */
  beforeSend(hop: Hop, from = 0): Promise<void> | undefined {
    const ctx = this.contextFor(hop);
    const hooks = this.attachment.hooksFor(this.options);
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
            throw enrichError(error, this.info(), false, undefined, this.attachment.extensions.describeError);
          },
        );
      }
    }
    return undefined;
  }

  // ---- an answer arrives ----------------------------------------------------------------

  /**
   * An answer from our response interceptor. A re-send's goes to the retry step waiting for it
   * (`Resend`); any other is decided on here.
   */
  answer(config: InternalAxiosRequestConfig, answer: Answer): AxiosResponse | Promise<AxiosResponse> {
    const resend = this.resending;
    if (resend && resend.waiting) return resend.handOver(answer);
    // A request interceptor may have returned a new config object: that is what went out.
    this.sending(config);
    return this.decide(answer);
  }

  /** Asks the rules from index `from` on; synchronous until one of them answers with a promise. */
  private decide(answer: Answer, from = 0): AxiosResponse | Promise<AxiosResponse> {
    if (this.attachment.detached) return this.settle(answer, false, 'detached');
    if (answer.error !== undefined && answer.error === this.expired) return this.settle(answer, false, undefined);
    const ctx = this.contextFor(this.hop);
    const rules = this.attachment.rulesFor(this.options);
    for (let i = from; i < rules.length; i++) {
      const rule = rules[i]!;
      const decision = rule.decide(answer, ctx);
      if (isThenable<Decision>(decision)) {
        return decision.then((d) => {
          this.learn(d);
          return d.type === 'next' ? this.decide(answer, i + 1) : this.act(answer, d, rule.name);
        });
      }
      if (decision.note || decision.redirect) this.learn(decision);
      if (decision.type !== 'next') return this.act(answer, decision, rule.name);
    }
    return this.settle(answer, false, undefined);
  }

  private act(answer: Answer, decision: Exclude<Decision, { type: 'next' }>, rule: PolicyName): AxiosResponse | Promise<AxiosResponse> {
    switch (decision.type) {
      case 'resolve':
        // The status the rule ruled on (a 304), not the one it resolved with (the cached 200).
        this.attachment.emit({ type: 'resolve', policy: rule, status: answer.response?.status ?? decision.response.status, config: this.config });
        return this.resolveWith(decision.response, decision.info);
      case 'reject':
        this.finish({ response: undefined, error: decision.error });
        throw enrichError(this.adopt(decision.error), this.info(), false, undefined, this.attachment.extensions.describeError);
      case 'stop':
        return this.settle(answer, decision.retryable, decision.reason);
      case 'follow':
        return this.follow(answer, decision.next);
      case 'retry':
        return this.retry(answer, decision, rule);
    }
  }

  // ---- send a hop the rule built ---------------------------------------------------------

  /**
   * Sends the hop a rule built whole (the next hop of a redirect), then decides on its answer. The
   * run adds only its transport settings: the adapter and what is left of the timeout.
   */
  private async follow(answer: Answer, next: Hop): Promise<AxiosResponse> {
    // The answer is discarded (an intermediate 3xx body is never read): free a streamed one's socket.
    releaseBody(answer.response);
    const { config } = next;
    const adapter = config.adapter || this.adapter;
    if (adapter) config.adapter = adapter;
    if (this.timeout) config.timeout = Math.max(1, this.timeout - (this.attachment.now() - this.attemptStarted));
    return this.decide(await this.sendHop(this.at(next)));
  }

  /**
   * Sends a hop through axios without interceptors: the caller's request interceptors ran for the
   * request they were asked for, and must not add credentials to another URL.
   */
  private async sendHop(hop: Hop): Promise<Answer> {
    try {
      await this.beforeSend(hop);
      const { config } = hop;
      const response = await sendAround(this.attachment.options.aroundResend, () => this.attachment.sendBare(config), this.sends++, config);
      return { response, error: undefined };
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
    if (this.deadline && this.attachment.now() + delayMs >= this.deadline) return this.settle(answer, true, 'budget-exhausted');

    // A resend after the offline wait spends no retry: only its send is counted, once it goes out.
    const counted = decision.countsAsRetry !== false;
    if (counted) {
      this.retries[rule] = (this.retries[rule] ?? 0) + 1;
      this.attempts += 1;
      this.delays.push(delayMs);
      this.attachment.emit({
        type: 'retry',
        policy: rule,
        attempt: this.attempts,
        delayMs,
        status: answer.response?.status,
        code: codeOf(answer.error),
        config: this.config,
      });
    }
    // The answer is discarded: a streamed body must give its socket back to the agent.
    releaseBody(answer.response);
    try {
      const learned = decision.wait ? await decision.wait() : await sleep(delayMs, this.config, this.attachment);
      if (learned) this.learn(learned);
    } catch (error) {
      if (error === DETACHED) return this.settle(answer, true, 'detached');
      if (error === BUDGET_SPENT) return this.settle(answer, true, 'budget-exhausted');
      this.finish({ response: undefined, error });
      throw enrichError(error, this.info(), false, undefined, this.attachment.extensions.describeError);
    }
    if (!counted) this.attempts += 1;
    // A copy, so the config of the failed send (on its error, in a mock's history) stays as it
    // was sent; and the body as given, since transformRequest must run once per send, not twice.
    const config: InternalAxiosRequestConfig = { ...hop.config, data: hop.body, headers: new AxiosHeaders(hop.config.headers) };
    this.attemptStarted = this.timeout ? this.attachment.now() : 0;
    if (this.deadline) config.timeout = this.budgetTimeout();
    else if (hop.redirected && this.timeout) config.timeout = this.timeout;
    decision.prepare?.(config);
    if (hop.redirected) {
      // A hop a rule built is sent again as it went out, without interceptors.
      return this.decide(await this.sendHop(this.at(hop.again(config))));
    }
    this.chain = undefined;
    const resend = (this.resending = new Resend(this.attachment.instance, config, this.sends++, this.attachment.options.aroundResend));
    const next = await resend.answer;
    this.resending = undefined;
    // The attempt's own hop, for the config that went out after every interceptor.
    this.at(new CallerHop(next.response?.config ?? configOf(next.error) ?? config, this.body, this.attachment.instance));
    return this.decide(next);
  }

  /**
   * Milliseconds this attempt may still spend before its send: what is left of its `timeout`
   * (one attempt's, redirects included) and of `totalTimeoutMs`; Infinity with neither.
   */
  private timeLeft(): number {
    const at = this.attachment.now();
    const own = this.timeout ? this.timeout - (at - this.attemptStarted) : Infinity;
    return this.deadline ? Math.min(own, this.deadline - at) : own;
  }

  /** See `RuleContext.timeLimit`: the error it ends with is kept, and settles the run as it is. */
  timeLimit(config: InternalAxiosRequestConfig): TimeLimit | undefined {
    const ms = this.timeLeft();
    if (ms === Infinity) return undefined;
    return { ms, error: () => (this.expired = timeoutError(config)) };
  }

  /** See `RuleContext.retryLimit`: the paced release may outlast the delay asked. */
  retryLimit(): TimeLimit | undefined {
    return this.deadline ? { ms: this.deadline - this.attachment.now(), error: () => BUDGET_SPENT } : undefined;
  }

  private budgetTimeout(): number {
    const left = Math.max(1, this.deadline - this.attachment.now());
    return this.timeout ? Math.min(this.timeout, left) : left;
  }

  // ---- settle ---------------------------------------------------------------------------

  /** Responses and errors of a redirect hop carry the config the caller dispatched, as without us. */
  private adopt<T>(target: T): T {
    if (!this.hop.redirected) return target;
    if (typeof target === 'object' && target !== null) {
      if ('config' in target && target.config) target.config = this.config;
      const response = 'response' in target ? target.response : undefined;
      if (typeof response === 'object' && response !== null && 'config' in response) response.config = this.config;
    }
    return target;
  }

  private finish(outcome: Answer): void {
    this.settled = true;
    this.reportChain();
    const cleanups = this.cleanups;
    this.cleanups = undefined;
    if (cleanups) for (const cleanup of cleanups) cleanup(this.config, this, outcome);
  }

  private resolveWith(response: AxiosResponse, extra?: Partial<StatusPolicyInfo>): AxiosResponse {
    this.finish({ response, error: undefined });
    this.adopt(response);
    response.statusPolicy = extra ? { ...this.info(), ...extra } : this.info();
    return response;
  }

  /** Ends with the answer as it stands: axios's own verdict, enriched. */
  private settle(answer: Answer, retryable: boolean, reason: StopReason | undefined): AxiosResponse {
    if (reason) this.attachment.emit({ type: 'giveUp', reason, status: answer.response?.status, config: this.config });
    if (answer.error === undefined && answer.response) return this.resolveWith(answer.response);
    this.finish(answer);
    throw enrichError(this.adopt(answer.error), this.info(), retryable, reason, this.attachment.extensions.describeError);
  }

  /** `redirectChain` and `finalUrl` of the last attempt; a retry that was not redirected reports none. */
  private reportChain(): void {
    const hops = this.chain && this.chain.length ? this.chain : undefined;
    if (hops || (this.notes && this.notes.redirectChain)) this.note({ redirectChain: hops, finalUrl: hops && this.hop.url });
  }

  private contextFor(hop: Hop): RuleContext {
    const known = this.context;
    if (known && known.hop === hop) return known;
    return (this.context = new HopContext(this, hop, this.chain));
  }
}

const NO_REDIRECTS: readonly ChainEntry[] = [];

/**
 * The rules' view of one hop of a run: read-only. Made once per hop (every send and every answer
 * needs it); the counts are read from the run when asked, so they are never stale.
 */
class HopContext implements RuleContext {
  constructor(
    private readonly run: Run,
    readonly hop: Hop,
    /** The chain changes only when a redirect is followed, which makes a new hop (and context). */
    private readonly redirects: readonly ChainEntry[] | undefined,
  ) {}
  get options(): ResolvedOptions {
    return this.run.options;
  }
  get callerConfig(): InternalAxiosRequestConfig {
    return this.run.config;
  }
  get attempts(): number {
    return this.run.attempts;
  }
  get retries(): Readonly<Partial<Record<PolicyName, number>>> {
    return this.run.retries;
  }
  get chain(): readonly ChainEntry[] {
    return this.redirects ?? NO_REDIRECTS;
  }
  get state(): RunState {
    return this.run;
  }
  get services(): RuleServices {
    return this.run.attachment;
  }
  timeLimit(): TimeLimit | undefined {
    return this.run.timeLimit(this.hop.config);
  }
  retryLimit(): TimeLimit | undefined {
    return this.run.retryLimit();
  }
}
