import type { AxiosError, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { resolveRequestOptions } from '../options/resolve';
import type { Attachment } from './attachment';
import { Run } from './run';

/**
 * Our request and response interceptor. They only find or start the run of a request and hand it
 * what axios hands them; the run does the rest (`src/run/run.ts`).
 */
export function createInterceptors(attachment: Attachment) {
  const start = (config: InternalAxiosRequestConfig): Run =>
    Run.of(config, attachment) ?? Run.start(config, attachment, resolveRequestOptions(attachment.options, config.statusPolicy, attachment.specs));

  /**
   * axios asks `runWhen(config)` whether to put our request interceptor in the chain at all. The
   * per-request work is done right here, synchronously: start the run (capturing the body before
   * transformRequest) and run the rules' `beforeSend` hooks. Only when one has to wait (an origin
   * hold, a refresh in flight) is the interceptor included, to await it; on the happy path it is
   * left out, and axios keeps its synchronous request path.
   */
  function runWhen(config: InternalAxiosRequestConfig): boolean {
    // `statusPolicy: false` is never queued, retried or refreshed: this is how a token request
    // made from inside auth.refresh goes straight through.
    if (attachment.detached || config.statusPolicy === false) return false;
    let run: Run;
    try {
      run = start(config);
    } catch {
      return true; // a malformed per-request option: onRequest throws it in the chain
    }
    const wait = run.beforeSend(run.sending(config));
    if (!wait) return false;
    // Marked handled now: a user interceptor that runs before ours may take a while.
    wait.catch(() => undefined);
    run.pending = wait;
    return true;
  }

  function onRequest(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig | Promise<InternalAxiosRequestConfig> {
    const run = Run.of(config, attachment);
    if (!run) {
      if (!attachment.detached && config.statusPolicy !== false) start(config); // throws the config error
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
    const config = (error as Partial<AxiosError> | null)?.config;
    if (typeof config !== 'object' || config === null) throw error;
    return answer(config, (error as AxiosError).response, error);
  }

  function answer(config: InternalAxiosRequestConfig, response: AxiosResponse | undefined, error: unknown): AxiosResponse | Promise<AxiosResponse> {
    let run = Run.of(config, attachment);
    if (!run) {
      if (attachment.detached || config.statusPolicy === false) {
        if (error === undefined && response) return response;
        throw error;
      }
      // A request interceptor replaced the config object and our run with it: start one now.
      // The body is already transformed; axios's default transforms leave such a body as it is.
      run = start(config);
    }
    return run.answer(config, { response, error });
  }

  return { runWhen, onRequest, onFulfilled, onRejected };
}
