export const title = 'Redirects: 303 turns a POST into a GET, 307 keeps a PUT and its body, no token crosses origins';

export async function run({ axios, lib, startServer, log, track }) {
  const other = await startServer((req, res, body) => {
    log(`server  (other origin) Authorization ${req.headers.authorization ? 'RECEIVED' : 'not sent'}`);
    res.end(JSON.stringify({ report: 'ok', body }));
  });
  const server = await startServer((req, res, body) => {
    const redirect = (status, location) => {
      res.writeHead(status, { Location: location });
      res.end();
    };
    if (req.method === 'POST' && req.url === '/orders') return redirect(303, '/orders/42');
    if (req.url === '/orders/42') return res.end(JSON.stringify({ id: 42, method: req.method, body }));
    if (req.url === '/files/a') return redirect(307, '/storage/a');
    if (req.url === '/storage/a') return res.end(JSON.stringify({ stored: body, method: req.method }));
    if (req.url === '/report') return redirect(302, `${other.url}/report`);
    if (req.url === '/loop') return redirect(302, '/loop');
    res.statusCode = 404;
    res.end();
  });
  const api = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(api, track());

  const order = await api.post('/orders', { item: 'book' });
  log(`client  POST /orders → 303 → ${order.data.method} ${order.statusPolicy.finalUrl.replace(server.url, '')}: body sent again? ${order.data.body ? 'yes' : 'no'}`);

  const file = await api.put('/files/a', { text: 'hello' });
  log(`client  PUT /files/a → 307 → ${file.data.method} /storage/a with body ${file.data.stored}`);

  await api.get('/report', { headers: { Authorization: 'Bearer secret-token' } });
  log('client  GET /report followed to the other origin without its Authorization header');

  try {
    await api.get('/loop');
  } catch (e) {
    log(`client  GET /loop rejected with ${e.code}: ${e.message}`);
  }
}
