export const title = '304 from the validator cache, and DELETE of an already deleted item';

export async function run({ axios, lib, startServer, log, track }) {
  const items = new Set(['7']);
  const server = await startServer((req, res) => {
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
    if (req.method === 'DELETE' && id) items.delete(id);
    res.statusCode = 204;
    res.end();
  });
  const api = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(api, track({ notModified: { cache: true } }));

  const first = await api.get('/profile');
  log(`client  GET /profile resolved ${first.status}, ETag ${first.headers.etag} remembered`);
  const second = await api.get('/profile');
  log(
    `client  GET /profile sent If-None-Match ${second.config.headers['If-None-Match']}, server said 304; ` +
      `resolved ${second.status} from the cache ${JSON.stringify(second.data)} (fromCache: ${lib.isFromCache(second)})`,
  );

  const del = await api.delete('/items/7');
  log(`client  DELETE /items/7 resolved ${del.status}`);
  const again = await api.delete('/items/7');
  log(`client  DELETE /items/7 again resolved ${again.status} (alreadyDeleted: ${lib.isAlreadyDeleted(again)})`);
  try {
    await api.get('/items/7');
  } catch (e) {
    log(`client  GET /items/7 rejected: ${e.message}`);
  }
}
