export const title = 'Other 5xx and dropped connections: backoff with equal jitter, idempotent only';

export async function run({ axios, lib, startServer, log, track }) {
  let flaky = 0;
  let dropped = 0;
  const server = await startServer((req, res) => {
    if (req.url === '/flaky') {
      res.statusCode = ++flaky <= 2 ? 502 : 200;
      return res.end(JSON.stringify({ ok: flaky > 2 }));
    }
    if (req.url === '/dropped' && ++dropped === 1) return res.socket.destroy(); // connection reset
    if (req.url === '/orders') {
      res.statusCode = 500;
      return res.end(JSON.stringify({ code: 'E_DB', message: 'database unavailable' }));
    }
    res.end('{}');
  });
  const api = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(api, track({ retry: { baseDelayMs: 100 } }));

  const flakyRes = await api.get('/flaky');
  log(`client  GET /flaky resolved ${flakyRes.status} after ${flakyRes.statusPolicy.attempts} attempts, waited ${flakyRes.statusPolicy.delays.join(' + ')} ms`);
  const droppedRes = await api.get('/dropped');
  log(`client  GET /dropped resolved ${droppedRes.status} after a reset connection`);
  try {
    await api.post('/orders', { item: 1 });
  } catch (e) {
    log(`client  POST /orders rejected, not retried (${e.statusPolicy.reason}): ${e.message}`);
  }
}
