import type { InternalAxiosRequestConfig } from 'axios';
import { originOf, requestUri } from '../http/url';
import { withoutFragment } from '../http/resolve-url';

/** The request method, upper-case. */
export const methodOf = ({ method }: InternalAxiosRequestConfig): string => (method ?? 'get').toUpperCase();

/**
 * One request that went out for a run: the caller's own, or a redirect hop (built by the redirects
 * rule, `src/rules/redirects/redirect-hop.ts`). A hop never changes: each attempt is a new one. Every rule judges the
 * hop that produced the answer: after POST → 303 → GET, a 503 is the GET's.
 */
export interface Hop {
  /** The config it went out with. */
  readonly config: InternalAxiosRequestConfig;
  /** Upper-case. */
  readonly method: string;
  /** Absolute, without the fragment. */
  readonly url: string;
  /** `scheme://host:port`, lower-case; `''` for a relative URL with no baseURL (the page's origin). */
  readonly origin: string;
  /** Reached by following a redirect: not the request the caller made. */
  readonly redirected: boolean;
  /**
   * The caller's credentials were not sent with it: a hop on the way crossed to another origin
   * (they are dropped then and stay dropped), so a 401 here is not about our token.
   */
  readonly credentialsDropped: boolean;
  /** The body before `transformRequest`, to send it again; `undefined` when there is none. */
  readonly body: unknown;
  /** The same request, to be sent again with `config` (a retry): a new hop, of the same kind. */
  again(config: InternalAxiosRequestConfig): Hop;
}

interface UriSource {
  getUri(config?: InternalAxiosRequestConfig): string;
}

/**
 * The caller's request as a hop. URL and origin are worked out on first use: most requests are
 * answered with a 2xx that no rule needs them for, and building the URL is not free.
 */
export class CallerHop implements Hop {
  readonly redirected = false;
  readonly credentialsDropped = false;
  // Set in the constructor (as undefined) so every hop keeps one shape once they are worked out.
  private absolute: string | undefined = undefined;
  private originCache: string | undefined = undefined;
  constructor(
    readonly config: InternalAxiosRequestConfig,
    readonly body: unknown,
    private readonly instance: UriSource,
  ) {}
  get method(): string {
    return methodOf(this.config);
  }
  get url(): string {
    return (this.absolute ??= withoutFragment(requestUri(this.instance, this.config)));
  }
  get origin(): string {
    return (this.originCache ??= originOf(this.config));
  }
  again(config: InternalAxiosRequestConfig): Hop {
    return new CallerHop(config, this.body, this.instance);
  }
}
