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

  const start = Date.now();
  const sentAt = (promise) => promise.then((res) => ({ res, ms: Date.now() - start }));
  const first = sentAt(api.get('/search?q=1'));
  await new Promise((r) => setTimeout(r, 100));
  // Sent while the origin is held: these wait for the deadline instead of hitting the server.
  const later = await Promise.all([sentAt(api.get('/search?q=2')), sentAt(api.get('/search?q=3')), first]);
  log(`client  3 searches resolved ${later.map(({ res }) => res.status).join(', ')}; the server saw one 429 and nothing during the wait`);
  // Why q=2 and q=3 left later than "held … ms" says: that figure is the wait to the deadline.
  log(`note    "held … ms" is the wait to the Retry-After deadline (1 s after the 429), as known when the request was held.`);
  log(`note    From the deadline the queue is released paced, not all at once: q=1's own retry goes first, then the held`);
  log(`note    requests at a rate cut from what this client was sending when the 429 came (here about one a second),`);
  log(`note    growing back with each answer. Resolved after ${later.map(({ ms }) => `${ms} ms`).join(', ')} (q=2, q=3, q=1).`);

  const tooLong = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(tooLong, track({ rateLimit: { maxRetryAfterMs: 500 } }));
  limited = true;
  try {
    await tooLong.get('/export');
  } catch (e) {
    log(`client  GET /export rejected at once: server asked for ${e.statusPolicy.retryAfterMs} ms (> 500 ms cap)`);
  }
}
