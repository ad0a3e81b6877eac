// 304 served from the validator cache, and a DELETE of an item that is already gone.
// Wired into demo/run.mjs by the lead; run alone with `node demo/scenarios/not-modified.mjs`
// after `npm run build`.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

/** A tiny API: /profile has an ETag; /items/:id can be deleted once. */
function startDemoServer() {
  const items = new Set(['7']);
  const server = http.createServer((req, res) => {
    if (req.url === '/profile') {
      const etag = '"v42"';
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag });
        return res.end();
      }
      res.writeHead(200, { ETag: etag, 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ name: 'Ada', plan: 'pro' }));
    }
    const id = /^\/items\/(\w+)$/.exec(req.url ?? '')?.[1];
    if (id && !items.has(id)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ errorCode: 'CMN-102', message: `Item ${id} not found` }));
    }
    if (req.method === 'DELETE' && id) {
      items.delete(id);
      res.writeHead(204);
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      }),
    ),
  );
}

export async function run({ api, log }) {
  const demo = await startDemoServer();
  try {
    const cfg = { baseURL: demo.url, statusPolicy: { notModified: { cache: true } } };

    const first = await api.get('/profile', cfg);
    log(`GET /profile → ${first.status}, ETag ${first.headers.etag} remembered`);
    const second = await api.get('/profile', cfg);
    log(
      `GET /profile (sent If-None-Match: ${second.config.headers['If-None-Match']}) → server said 304, ` +
        `resolved ${second.status} from the cache: ${JSON.stringify(second.data)} fromCache=${second.statusPolicy?.fromCache}`,
    );

    const del = await api.delete('/items/7', { baseURL: demo.url });
    log(`DELETE /items/7 → ${del.status}`);
    const again = await api.delete('/items/7', { baseURL: demo.url });
    log(`DELETE /items/7 again → ${again.status}, resolved as alreadyDeleted=${again.statusPolicy?.alreadyDeleted}`);
    try {
      await api.get('/items/7', { baseURL: demo.url });
    } catch (e) {
      log(`GET /items/7 → rejects: ${e.message}`);
    }
  } finally {
    await demo.close();
  }
}

// Standalone: node demo/scenarios/not-modified.mjs
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { default: axios } = await import('axios');
  const { attachStatusPolicy } = await import('../../dist/index.js');
  const api = axios.create();
  attachStatusPolicy(api);
  const t0 = Date.now();
  await run({ api, server: undefined, log: (line) => console.log(`+${String(Date.now() - t0).padStart(4)}ms  ${line}`) });
}
