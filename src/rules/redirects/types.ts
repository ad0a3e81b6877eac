// The options of this rule and what its callbacks see; re-exported by src/types.ts (the public API).
import type { AxiosResponse } from 'axios';

/** One redirect the plugin followed: the request that was answered with a 3xx. */
export interface RedirectHop {
  /** Method of that request, upper-case. */
  method: string;
  /** Absolute URL of that request (baseURL, url and params combined). */
  url: string;
  /** The 3xx it got. */
  status: number;
}

/** Handed to `redirects.onRedirect` before each hop. */
export interface RedirectContext {
  /** The 3xx response about to be followed. */
  response: AxiosResponse;
  status: number;
  /** Absolute URL that answered with the 3xx. */
  from: string;
  /** Absolute URL of the next request (the same URL for a 3xx without `Location`). */
  to: string;
  /** Method of the next request, upper-case. */
  method: string;
  /** The next request goes to another origin: credentials and `stripHeaders` are dropped. */
  crossOrigin: boolean;
  /** Hops already followed for this request. */
  hops: number;
}

/** 3xx: the redirect rules, followed by the plugin in Node. */
export interface RedirectOptions {
  /** Hops before a typed error (`ERR_STATUS_POLICY_TOO_MANY_REDIRECTS`). @default 10 */
  maxRedirects?: number;
  /**
   * Called before each hop; return `false` to stop there and settle with the 3xx as axios would
   * with `maxRedirects: 0` (your `validateStatus` decides). May be async.
   * @default undefined (every hop is followed)
   */
  onRedirect?: (context: RedirectContext) => boolean | void | Promise<boolean | void>;
  /**
   * Headers dropped on a cross-origin hop besides `Authorization`, `Proxy-Authorization`,
   * `Cookie` and `Host` (case-insensitive), e.g. `['X-API-Key']`.
   * @default []
   */
  stripHeaders?: readonly string[];
  /**
   * Forward a 307/308 request body to another origin. Off, such a hop rejects with
   * `ERR_STATUS_POLICY_REDIRECT_CROSS_ORIGIN_BODY` rather than leak or silently drop the body.
   * @default false
   */
  allowCrossOriginBody?: boolean;
}
