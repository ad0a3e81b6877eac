// Run as its own Node process by idle-exit.test.ts: a request with a token whose expiry is known
// (refreshed early, in the background), then nothing. Early refresh is request-driven: no timer of
// the plugin may keep this process alive once its own server closes.
import axios from 'axios';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachStatusPolicy } from '../../src/index';

const server = http.createServer((req, res) => res.writeHead(req.headers.authorization ? 200 : 401, { connection: 'close' }).end());
server.listen(0, '127.0.0.1', async () => {
  const api = axios.create({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  let n = 0;
  attachStatusPolicy(api, {
    // A token whose expiry is known (20 s): a plugin that refreshed on a timer would keep the process up.
    auth: { refresh: async () => ({ accessToken: `t${++n}`, expiresInMs: 20_000 }) },
    retry: { maxRetries: 3 },
    rateLimit: {},
  });
  const statuses = [(await api.get('/')).status, (await api.get('/')).status];
  process.stdout.write(`${JSON.stringify({ statuses, refreshes: n })}\n`);
  server.close();
});
