import { AxiosHeaders } from 'axios';
import type { AxiosBasicCredentials, AxiosResponse } from 'axios';
import type { Hop } from '../../run/hop';

/** The parts of an absolute http(s) URL that follow-redirects spreads onto its options. */
const URL_PARTS = /^(https?:)\/\/(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(\?[^#]*)?/i;

/** The next request as the rule built it, before axios's `beforeRedirect` sees it. */
export interface PlannedHop {
  method: string;
  /** Absolute, without userinfo. */
  url: string;
  headers: AxiosHeaders;
  auth: AxiosBasicCredentials | undefined;
}

/** The next request as follow-redirects hands it to `beforeRedirect` (its `_options`, less the transport). */
interface HookOptions {
  [key: string]: unknown;
  href: string;
  protocol: string;
  /** `host[:port]`, an IPv6 host in brackets (as `URL.host`). */
  host: string;
  /** Without IPv6 brackets, as Node's `http.request` takes it: what an SSRF guard checks. */
  hostname: string;
  /** A number; `''` when the URL has the scheme's default port. */
  port: number | '';
  path: string;
  pathname: string;
  search: string;
  method: string;
  /** The next request's headers after the cross-origin stripping: edits here are what is sent. */
  headers: Record<string, string>;
  /** `user:password` of axios's `auth` where it is still sent (a same-origin hop); `undefined` otherwise. */
  auth: string | undefined;
}

/** Header values as strings, as axios hands them to follow-redirects (a list joined, as HTTP would). */
function asStrings(headers: object): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value != null && value !== false) strings[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return strings;
}

function hookOptions({ url, method, headers, auth }: PlannedHop): HookOptions {
  const parts = URL_PARTS.exec(url);
  const bracketed = parts ? parts[2]! : '';
  const port = parts && parts[3] ? Number(parts[3]) : '';
  const pathname = (parts && parts[4]) || '/';
  const search = (parts && parts[5]) || '';
  return {
    href: url,
    protocol: parts ? parts[1]!.toLowerCase() : '',
    host: port === '' ? bracketed : `${bracketed}:${port}`,
    hostname: bracketed.startsWith('[') ? bracketed.slice(1, -1) : bracketed,
    port,
    path: pathname + search,
    pathname,
    search,
    method,
    headers: asStrings(headers.toJSON()),
    auth: auth ? `${auth.username}:${auth.password}` : undefined,
  };
}

/** The headers the hook left: follow-redirects also takes a flat `[name, value, name, value…]` list. */
function editedHeaders(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return typeof value === 'object' && value !== null ? asStrings(value) : {};
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < value.length; i += 2) headers[String(value[i])] = String(value[i + 1]);
  return headers;
}

/**
 * The hook's edits applied to a copy of the planned headers: only names it deleted, added or
 * changed, so what it left alone stays exactly as planned (a list value stays a list; the hook
 * was handed strings, as follow-redirects hands them).
 */
function applyEdits(planned: AxiosHeaders, handed: Record<string, string>, edited: Record<string, string>): AxiosHeaders {
  const headers = new AxiosHeaders(planned);
  for (const name of Object.keys(handed)) if (!(name in edited)) headers.delete(name);
  for (const [name, value] of Object.entries(edited)) if (handed[name] !== value) headers.set(name, value);
  return headers;
}

/**
 * Where Node's `http.request` connects with the options the hook left (follow-redirects hands them
 * on as they are): `hostname` before `host`, an IPv6 literal unbracketed, the port a number or string.
 */
function targetOf(options: HookOptions): string {
  const hostname = String(options.hostname || options.host || 'localhost');
  const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  const port = options.port === '' || options.port == null ? '' : `:${String(options.port)}`;
  return `${String(options.protocol)}//${host}${port}${String(options.path || '/')}`;
}

function authFrom(value: unknown): AxiosBasicCredentials | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const colon = value.indexOf(':');
  return colon < 0 ? { username: value, password: '' } : { username: value.slice(0, colon), password: value.slice(colon + 1) };
}

const lowerCaseNames = (headers: Record<string, string>): Record<string, string> => {
  const named: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) named[name.toLowerCase()] = value;
  return named;
};

/**
 * Calls axios's `beforeRedirect` as its http adapter does through follow-redirects: with the next
 * request's options, the 3xx's details (`headers` with lower-case names, `statusCode`) and the
 * request that got it (`url`, `method`, its `headers` with `Host`). What the hook changes on the
 * options (headers, method, `auth`, the target) is what is sent, as there. A throw refuses the hop
 * (the caller's code decides). Without a hook, the hop goes as planned.
 */
export function runBeforeRedirect(from: Hop, response: AxiosResponse, planned: PlannedHop): PlannedHop {
  const hook = from.config.beforeRedirect;
  if (typeof hook !== 'function') return planned;
  const options = hookOptions(planned);
  const handed = { ...options.headers };
  const requested = URL_PARTS.exec(from.url);
  const sent = { Host: requested ? requested[2]! + (requested[3] ? `:${requested[3]}` : '') : '', ...asStrings(from.config.headers.toJSON()) };
  hook(options, { headers: lowerCaseNames(asStrings(response.headers || {})), statusCode: response.status }, { headers: sent, url: from.url, method: from.method });
  return {
    method: typeof options.method === 'string' && options.method ? options.method.toUpperCase() : 'GET',
    url: targetOf(options),
    headers: applyEdits(planned.headers, handed, editedHeaders(options.headers)),
    auth: authFrom(options.auth),
  };
}
