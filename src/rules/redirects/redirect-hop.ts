import type { InternalAxiosRequestConfig } from 'axios';
import { originOf } from '../../http/url';
import type { Hop } from '../../run/hop';

/**
 * The next request of a redirect, built whole by the redirects rule (`next-hop.ts`: method, URL,
 * headers with the credentials stripped cross-origin, body, `auth`, axios's `beforeRedirect`
 * applied). The run only adds its transport settings to the config (the adapter, what is left of
 * the timeout) and sends it without interceptors.
 */
export class RedirectHop implements Hop {
  readonly redirected = true;
  readonly origin: string;
  constructor(
    readonly config: InternalAxiosRequestConfig,
    /** Upper-case. */
    readonly method: string,
    /** Absolute, without userinfo. */
    readonly url: string,
    /** The body before `transformRequest`; `undefined` when it was dropped (301/302/303). */
    readonly body: unknown,
    /** The caller's credentials are not sent with it (this hop or one before crossed to another origin). */
    readonly credentialsDropped: boolean,
  ) {
    this.origin = originOf({ url });
  }
  /** After POST → 303 → GET, a 503 retries the GET: the POST was processed. */
  again(config: InternalAxiosRequestConfig): Hop {
    return new RedirectHop(config, this.method, this.url, this.body, this.credentialsDropped);
  }
}
