export const title = '429 with Retry-After: the whole origin holds, then is released paced';

export async function run({ axios, lib, startServer, log, track }) {
  let limited = true;
  const server = await startServer((req, res) => {
    if (limited) {
      limited = false;
      res.setHeader('Retry-After', '1');
      res.statusCode = 429;
      return res.end();
    }
    res.end('{}');
  });
  const api = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(api, track());

  const first = api.get('/search?q=1');
  await new Promise((r) => setTimeout(r, 100));
  // Sent while the origin is held: these wait for the deadline instead of hitting the server.
  const later = await Promise.all([api.get('/search?q=2'), api.get('/search?q=3'), first]);
  log(`client  3 searches resolved ${later.map((r) => r.status).join(', ')}; the server saw one 429 and nothing during the wait`);

  const tooLong = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(tooLong, track({ rateLimit: { maxRetryAfterMs: 500 } }));
  limited = true;
  try {
    await tooLong.get('/export');
  } catch (e) {
    log(`client  GET /export rejected at once: server asked for ${e.statusPolicy.retryAfterMs} ms (> 500 ms cap)`);
  }
}
