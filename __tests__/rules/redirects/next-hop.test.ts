// The redirects rule builds each next hop whole (src/rules/redirects/next-hop.ts): decisions
// without axios, given the hop that answered, its 3xx and the plan.
import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { ErrorCodes } from '../../../src';
import { buildNextHop, withoutUserinfo } from '../../../src/rules/redirects/next-hop';
import type { HopPlan, Refusal } from '../../../src/rules/redirects/next-hop';
import { RedirectHop } from '../../../src/rules/redirects/redirect-hop';

const A = 'http://a.test';
const B = 'http://b.test:8080';

function answered(config: Partial<InternalAxiosRequestConfig> = {}, url = `${A}/from?x=1`, body: unknown = undefined): RedirectHop {
  const full: InternalAxiosRequestConfig = {
    url,
    method: 'post',
    data: body,
    ...config,
    headers: new AxiosHeaders({ Authorization: 'Bearer t', Cookie: 'c=1', 'X-Api-Key': 'k', 'Content-Type': 'text/plain', Accept: 'text/plain', ...config.headers?.toJSON() }),
  };
  return new RedirectHop(full, 'POST', url, body, false);
}
const response = (from: RedirectHop, location: string): AxiosResponse => ({
  data: '',
  status: 307,
  statusText: 'Temporary Redirect',
  headers: new AxiosHeaders({ Location: location }),
  config: from.config,
});
const plan = (url: string, crossOrigin: boolean, more: Partial<HopPlan> = {}): HopPlan => ({
  method: 'POST',
  url,
  dropBody: false,
  crossOrigin,
  stripHeaders: ['x-api-key'],
  allowCrossOriginBody: false,
  ...more,
});
function built(result: RedirectHop | Refusal): RedirectHop {
  if ('refused' in result) throw new Error(`refused: ${result.refused}`);
  return result;
}
const names = (hop: RedirectHop): string[] => Object.keys(hop.config.headers.toJSON()).sort();

describe('buildNextHop', () => {
  it('a same-origin 307 keeps method, body, headers and auth; the URL is absolute and nothing is added to it', () => {
    const from = answered({ auth: { username: 'u', password: 'p' }, baseURL: A, params: { y: 2 } }, `${A}/from`, 'body');
    const next = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect([next.method, next.url, next.body, next.credentialsDropped]).toEqual(['POST', `${A}/to`, 'body', false]);
    expect([next.config.url, next.config.method, next.config.data, next.config.baseURL, next.config.params]).toEqual([`${A}/to`, 'post', 'body', undefined, undefined]);
    expect(next.config.auth).toEqual({ username: 'u', password: 'p' });
    expect(names(next)).toEqual(['Accept', 'Authorization', 'Content-Type', 'Cookie', 'X-Api-Key']);
    // The hop that answered keeps the headers it was sent with.
    expect(from.config.headers.get('Authorization')).toBe('Bearer t');
  });

  it('a cross-origin hop drops credentials, the configured headers and auth, and says so', () => {
    const from = answered({ auth: { username: 'u', password: 'p' } });
    const next = built(buildNextHop(from, response(from, `${B}/to`), plan(`${B}/to`, true)));
    expect(names(next)).toEqual(['Accept', 'Content-Type']);
    expect(next.config.auth).toBeUndefined();
    expect(next.credentialsDropped).toBe(true);
  });

  it('a 303 drops the body and its Content-* headers', () => {
    const from = answered({}, `${A}/from`, 'body');
    const next = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false, { method: 'GET', dropBody: true })));
    expect([next.method, next.body, next.config.data, next.config.method]).toEqual(['GET', undefined, undefined, 'get']);
    expect(next.config.headers.has('Content-Type')).toBe(false);
  });

  it("the caller's URL userinfo becomes auth on a same-origin hop, as axios reads it; never cross-origin", () => {
    const from = answered({}, 'http://u%40x:p%3Aw@a.test/from');
    const same = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect(same.config.auth).toEqual({ username: 'u@x', password: 'p:w' });
    const other = built(buildNextHop(from, response(from, `${B}/`), plan(`${B}/`, true)));
    expect(other.config.auth).toBeUndefined();
  });

  it('withoutUserinfo removes user:password@ and nothing else', () => {
    expect(withoutUserinfo('http://evil:pw@b.test:1/x?u=a@b#c')).toBe('http://b.test:1/x?u=a@b#c');
    expect(withoutUserinfo('https://b.test/@x')).toBe('https://b.test/@x');
  });
});

describe("buildNextHop with axios's beforeRedirect", () => {
  const hooked = (beforeRedirect: NonNullable<InternalAxiosRequestConfig['beforeRedirect']>, config: Partial<InternalAxiosRequestConfig> = {}, body: unknown = undefined): RedirectHop =>
    answered({ ...config, beforeRedirect }, `${A}/from`, body);

  it('hands the IPv6 literal unbracketed and the port as a number', () => {
    let handed: Record<string, unknown> = {};
    const from = hooked((options) => void (handed = { ...options }));
    built(buildNextHop(from, response(from, 'http://[::ffff:127.0.0.1]:8080/x?q'), plan('http://[::ffff:7f00:1]:8080/x?q', true)));
    expect(handed).toMatchObject({ protocol: 'http:', hostname: '::ffff:7f00:1', host: '[::ffff:7f00:1]:8080', port: 8080, path: '/x?q', pathname: '/x', search: '?q', method: 'POST' });
    built(buildNextHop(from, response(from, 'https://b.test/'), plan('https://b.test/', true)));
    expect(handed).toMatchObject({ protocol: 'https:', hostname: 'b.test', host: 'b.test', port: '', path: '/' });
  });

  it("applies the hook's header edits only: what it left alone stays as planned (a list stays a list)", () => {
    const from = hooked(
      (options) => {
        const headers = options.headers as Record<string, string>;
        delete headers['X-Api-Key'];
        headers.Accept = 'application/json';
        headers['X-New'] = '1';
      },
      { headers: new AxiosHeaders({ 'X-List': ['a', 'b'] }) },
    );
    const next = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect(next.config.headers.toJSON()).toMatchObject({ Accept: 'application/json', 'X-New': '1', Authorization: 'Bearer t' });
    expect(next.config.headers.has('X-Api-Key')).toBe(false);
    expect(next.config.headers.get('X-List')).toEqual(['a', 'b']);
  });

  it('takes headers replaced by a flat [name, value…] list, as follow-redirects does', () => {
    const from = hooked((options) => void (options.headers = ['X-Only', 'yes']));
    const next = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect(Object.keys(next.config.headers.toJSON())).toEqual(['X-Only']);
  });

  it('honours a method and auth the hook sets', () => {
    const from = hooked((options) => {
      options.method = 'put';
      options.auth = 'x:y:z';
    });
    const next = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect([next.method, next.config.method]).toEqual(['PUT', 'put']);
    expect(next.config.auth).toEqual({ username: 'x', password: 'y:z' });
  });

  it('a hook that points the hop at another origin: it goes there, with the cross-origin rule applied again', () => {
    const from = hooked((options) => {
      options.hostname = 'b.test';
      options.port = 8080;
    }, { auth: { username: 'u', password: 'p' } });
    const next = built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect([next.url, next.config.url, next.credentialsDropped]).toEqual([`${B}/to`, `${B}/to`, true]);
    expect(names(next)).toEqual(['Accept', 'Content-Type']);
    expect(next.config.auth).toBeUndefined();

    const withBody = hooked((options) => void (options.hostname = 'b.test'), {}, 'body');
    const refused = buildNextHop(withBody, response(withBody, '/to'), plan(`${A}/to`, false));
    expect(refused).toMatchObject({ code: ErrorCodes.REDIRECT_CROSS_ORIGIN_BODY });
  });

  it('a throw, or a target that is not http(s), refuses the hop with a typed code', () => {
    const reason = new Error('no');
    const throwing = hooked(() => {
      throw reason;
    });
    expect(buildNextHop(throwing, response(throwing, '/to'), plan(`${A}/to`, false))).toEqual({ refused: 'refused by beforeRedirect', code: ErrorCodes.REDIRECT_REFUSED, cause: reason });
    const fileTarget = hooked((options) => void (options.protocol = 'file:'));
    expect(buildNextHop(fileTarget, response(fileTarget, '/to'), plan(`${A}/to`, false))).toMatchObject({ code: ErrorCodes.REDIRECT_REFUSED });
  });

  it('hands the 3xx details and the request that got it, as follow-redirects does', () => {
    const calls: unknown[][] = [];
    const from = hooked((...args) => void calls.push(args.slice(1)));
    built(buildNextHop(from, response(from, '/to'), plan(`${A}/to`, false)));
    expect(calls).toEqual([
      [
        { headers: { location: '/to' }, statusCode: 307 },
        { url: `${A}/from`, method: 'POST', headers: expect.objectContaining({ Host: 'a.test', Authorization: 'Bearer t', 'X-Api-Key': 'k' }) },
      ],
    ]);
  });
});
