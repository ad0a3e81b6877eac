import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { Attachment } from './attachment';
import { answerOf, configOf } from './rejection';
import { Run } from './run';

/** The request's signal has fired, or its cancel token was cancelled, before it was sent. */
const alreadyCancelled = ({ signal, cancelToken }: InternalAxiosRequestConfig): boolean =>
  signal?.aborted === true || cancelToken?.reason !== undefined;

/**
 * Our request and response interceptor. They only find or start the run of a request and hand it
 * what axios hands them; the run does the rest (`src/run/run.ts`).
 */
export function createInterceptors(attachment: Attachment) {
  /** A config the policy leaves alone: detached, or `statusPolicy: false` (a token request from inside auth.refresh, say). */
  const ignored = (config: InternalAxiosRequestConfig): boolean => attachment.detached || config.statusPolicy === false;

  const start = (config: InternalAxiosRequestConfig): Run => Run.start(config, attachment);

  /**
   * axios asks `runWhen(config)` whether to put our request interceptor in the chain at all, and
   * asks it synchronously inside the caller's `api.get(…)`, before any interceptor runs. The run
   * starts here and the rules' `beforeSend` hooks run here: that is what recognises
   * `auth.refresh`'s own token request (ARCHITECTURE.md, step 1), and it keeps axios's synchronous
   * request path on the happy path. Only when a hook has to wait (an origin hold, a refresh in
   * flight) is the interceptor included, to await it.
   */
  function runWhen(config: InternalAxiosRequestConfig): boolean {
    if (ignored(config)) return false;
    let run: Run;
    try {
      run = Run.of(config, attachment) ?? start(config);
    } catch {
      return true; // a malformed per-request option: onRequest throws it in the chain
    }
    const wait = run.beforeSend(run.sending(config));
    // Older axios of our peer range (1.12 does) sends a chain of synchronous request interceptors
    // outside any promise: a request already cancelled throws there and skips every response
    // interceptor, ours too, and its run would never settle (no cleanup, no count for its
    // circuit). Such a request takes axios's promise chain instead, where the cancel reaches us.
    if (!wait) return alreadyCancelled(config);
    // Marked handled now: a user interceptor that runs before ours may take a while.
    wait.catch(() => undefined);
    run.pending = wait;
    return true;
  }

  function onRequest(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig | Promise<InternalAxiosRequestConfig> {
    const run = Run.of(config, attachment);
    if (!run) {
      // runWhen could not start one (a malformed option: thrown here, in the chain), or an
      // interceptor that ran before ours replaced the config without our key (the run starts now,
      // with the body still untransformed).
      if (!ignored(config)) start(config);
      return config;
    }
    const wait = run.pending;
    run.pending = undefined;
    return wait ? wait.then(() => config) : config;
  }

  function onFulfilled(response: AxiosResponse): AxiosResponse | Promise<AxiosResponse> {
    return answer(response.config, response, undefined);
  }

  function onRejected(error: unknown): AxiosResponse | Promise<AxiosResponse> {
    const config = configOf(error);
    if (!config) throw error;
    const { response } = answerOf(error);
    return answer(config, response, error);
  }

  function answer(config: InternalAxiosRequestConfig, response: AxiosResponse | undefined, error: unknown): AxiosResponse | Promise<AxiosResponse> {
    const run = Run.of(config, attachment);
    if (run) return run.answer(config, { response, error });
    if (ignored(config)) {
      if (error === undefined && response) return response;
      throw error;
    }
    // A request interceptor that replaced the config object without our key leaves no run to
    // find: one starts now. The body is already transformed; axios's default transforms leave
    // such a body as it is.
    return start(config).answer(config, { response, error });
  }

  return { runWhen, onRequest, onFulfilled, onRejected };
}
