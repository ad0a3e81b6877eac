export const title = '401 with an expired token: a burst refreshes once, requests issued meanwhile wait for it';

export async function run({ axios, lib, startServer, log, track }) {
  let valid = 'token-2';
  let refreshes = 0;
  const server = await startServer((req, res, body) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/oauth/token') {
      refreshes++;
      // A slow token endpoint, so the requests issued meanwhile visibly wait.
      return setTimeout(() => res.end(JSON.stringify({ access_token: valid, body: JSON.parse(body || '{}') })), 300);
    }
    if (req.headers.authorization !== `Bearer ${valid}`) {
      res.statusCode = 401;
      return res.end(JSON.stringify({ message: 'token expired' }));
    }
    res.end(JSON.stringify({ ok: true }));
  });

  // The app's token store; the expired token is what the app starts with.
  const store = { access: 'token-1', refresh: 'refresh-1' };
  const api = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(
    api,
    track({
      auth: {
        getAccessToken: () => store.access,
        refresh: async ({ instance }) => {
          log('client  refreshing the token (POST /oauth/token, statusPolicy: false)');
          const res = await instance.post('/oauth/token', { refresh_token: store.refresh }, { statusPolicy: false });
          store.access = res.data.access_token;
          return store.access;
        },
        onFailure: () => log('client  refresh failed: logging out'),
      },
    }),
  );

  const burst = ['/me', '/inbox', '/calendar', '/contacts', '/settings'].map((url) => api.get(url));
  await new Promise((r) => setTimeout(r, 150)); // the refresh is running now
  log('client  GET /notifications issued mid-refresh: held until the new token is there');
  const late = api.get('/notifications');
  const all = await Promise.all([...burst, late]);
  log(`client  ${all.length} requests resolved ${[...new Set(all.map((r) => r.status))].join(', ')} with ${refreshes} refresh; repeats and the held request carried ${store.access}`);

  // The refresh token is revoked: every waiter rejects with the cause, onFailure runs once.
  valid = 'token-3';
  const failing = axios.create({ baseURL: server.url, headers: { Authorization: 'Bearer token-2' } });
  lib.attachStatusPolicy(
    failing,
    track({
      auth: {
        refresh: async () => {
          throw new Error('refresh token revoked');
        },
        onFailure: (error) => log(`client  onFailure (once): ${error.message} → log out`),
      },
    }),
  );
  const outcomes = await Promise.allSettled([failing.get('/a'), failing.get('/b')]);
  log(`client  both rejected: ${outcomes.map((o) => o.reason?.code).join(', ')}`);
}
