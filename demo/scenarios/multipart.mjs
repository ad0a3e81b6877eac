export const title = '207 batch: a RingCentral-style multipart/mixed GET with one 404 inside';

const BOUNDARY = 'Boundary_20_32057915_1351669531796';

/** The server's batch answer: a manifest part, then one part per id (id 2 does not exist). */
function batchBody(ids) {
  const found = (id) => id !== '2';
  const manifest = { response: ids.map((id) => ({ href: `/restapi/v1.0/account/~/extension/${id}`, status: found(id) ? 200 : 404 })) };
  const parts = [manifest, ...ids.map((id) => (found(id) ? { id: Number(id), name: `Extension ${id}` } : { errorCode: 'CMN-102', message: `Resource for parameter [extensionId] is not found` }))];
  return `${parts.map((p) => `--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(p, null, 1)}\r\n`).join('')}--${BOUNDARY}--\r\n`;
}

export async function run({ axios, lib, startServer, log, track }) {
  const server = await startServer((req, res) => {
    const ids = decodeURIComponent(req.url.split('/').pop()).split(',');
    res.statusCode = 207;
    res.setHeader('Content-Type', `multipart/mixed; boundary=${BOUNDARY}`);
    res.end(batchBody(ids));
  });
  const api = axios.create({ baseURL: server.url });
  lib.attachStatusPolicy(api, track());

  const res = await api.get('/restapi/v1.0/account/~/extension/1,2,3');
  log(`client  GET /extension/1,2,3 resolved ${res.status} with ${res.data.length} sub-responses:`);
  for (const part of res.data) {
    const what = part.status === 200 ? part.data.name : `${part.data.errorCode} ${part.data.message}`;
    log(`client    ${part.status}  ${part.href}  ${what}`);
  }
  log(`client  the manifest stays on response.statusPolicy.manifest (${res.statusPolicy.manifest.response.length} entries)`);

  const bytes = await api.get('/restapi/v1.0/account/~/extension/4,2', { responseType: 'arraybuffer' });
  log(`client  same batch read as bytes: statuses ${bytes.data.map((p) => p.status).join(', ')}`);
}
