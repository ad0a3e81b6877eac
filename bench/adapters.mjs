// In-memory axios adapters: a function adapter resolving canned responses, so the benchmarks
// measure the interceptor chain and nothing of the network.

const HEADERS = { 'content-type': 'application/json' };

/** Always a 200 with a small JSON body. */
export const ok200 = (config) =>
  Promise.resolve({ data: '{"ok":true}', status: 200, statusText: 'OK', headers: { ...HEADERS }, config, request: {} });

/** Builds the rejection axios itself would make for a non-2xx status (validateStatus applied). */
export function respond(axios, config, status, headers = {}) {
  const response = { data: '{}', status, statusText: String(status), headers: { ...HEADERS, ...headers }, config, request: {} };
  if (!config.validateStatus || config.validateStatus(status)) return Promise.resolve(response);
  return Promise.reject(
    new axios.AxiosError(`Request failed with status code ${status}`, axios.AxiosError.ERR_BAD_RESPONSE, config, {}, response),
  );
}

/** Odd calls answer `status` (with `headers`), even calls 200: one retry per logical request. */
export function failThenOk(axios, status, headers) {
  let n = 0;
  return (config) => (n++ % 2 === 0 ? respond(axios, config, status, headers) : ok200(config));
}

/**
 * 401 unless the request carries the current token; `rotate()` makes every held token stale,
 * as a token expiry does.
 */
export function tokenServer(axios) {
  let token = 't0';
  let generation = 0;
  return {
    current: () => token,
    rotate: () => {
      token = `t${++generation}`;
    },
    adapter: (config) => {
      const auth = config.headers?.Authorization ?? config.headers?.authorization;
      return auth === `Bearer ${token}` ? ok200(config) : respond(axios, config, 401);
    },
  };
}
