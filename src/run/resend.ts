import type { AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Answer } from '../rules/rule';
import type { AroundResend } from '../types';
import { sendAround } from './around-resend';
import { answerOf } from './rejection';

/**
 * One re-send of the caller's request through the instance, so that the caller's request
 * interceptors run again (a fresh token, a fresh signature), and the handshake that brings its
 * answer back to the run that waits for it.
 *
 * The re-send's answer passes through our response interceptor like any other; the run hands it
 * over here (`handOver`) instead of deciding on it in that nested chain. The nested chain is then
 * left pending forever (a promise that never settles, collected with the chain), so interceptors
 * registered after ours see one result per logical request, not one per attempt: axios has no
 * other way to leave a chain early. Answers that never reach our interceptor (one thrown by an
 * interceptor registered before ours, say) end the re-send through the request's own promise.
 *
 * The send itself goes out inside the caller's `aroundResend` wrapper, if any (`sendAround`), told
 * `resendCount`: how many sends of this request went before it, redirect hops included.
 */
export class Resend {
  /** The re-send's raw answer, whichever way it came first. */
  readonly answer: Promise<Answer>;
  private deliver: ((answer: Answer) => void) | undefined;

  constructor(instance: AxiosInstance, config: InternalAxiosRequestConfig, resendCount: number, around: AroundResend | undefined) {
    this.answer = new Promise<Answer>((resolve) => {
      this.deliver = resolve;
    });
    sendAround(around, () => instance.request(config), resendCount, config).then(
      (response: AxiosResponse) => this.take({ response, error: undefined }),
      (error: unknown) => this.take(answerOf(error)),
    );
  }

  /** Whether the re-send is still waiting for its answer. */
  get waiting(): boolean {
    return this.deliver !== undefined;
  }

  /**
   * Our response interceptor has the re-send's answer: it goes to the waiting run, and the nested
   * chain is given a promise that never settles (see above).
   */
  handOver(answer: Answer): Promise<never> {
    this.take(answer);
    return new Promise<never>(() => undefined);
  }

  private take(answer: Answer): void {
    const deliver = this.deliver;
    this.deliver = undefined;
    deliver?.(answer);
  }
}
