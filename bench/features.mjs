// Which capabilities the built module really has. Features land on other branches over time; a
// placeholder policy accepts its options but does nothing, so each is probed by behaviour, not by
// name, and the bench enables a row only when its feature answers.
import { ok200, tokenServer } from './adapters.mjs';

async function probeAuth(axios, lib) {
  const server = tokenServer(axios);
  const api = axios.create({ adapter: server.adapter, headers: { Authorization: 'Bearer stale' } });
  let refreshed = 0;
  const handle = lib.attachStatusPolicy(api, {
    retry: false,
    auth: {
      refresh: () => {
        refreshed++;
        return server.current();
      },
    },
  });
  try {
    const res = await api.get('/probe');
    return res.status === 200 && refreshed === 1;
  } catch {
    return false;
  } finally {
    handle.detach();
  }
}

async function probeValidatorCache(axios, lib) {
  const seen = [];
  const adapter = (config) => {
    seen.push(config.headers?.['If-None-Match'] ?? config.headers?.['if-none-match']);
    return ok200(config).then((r) => ({ ...r, headers: { ...r.headers, etag: '"v1"' } }));
  };
  const api = axios.create({ adapter });
  let handle;
  try {
    handle = lib.attachStatusPolicy(api, { notModified: { cache: true } });
    await api.get('/probe');
    await api.get('/probe');
    return seen[1] === '"v1"';
  } catch {
    return false;
  } finally {
    handle?.detach();
  }
}

/** `{ auth, validatorCache, multipartParser }`: true when the built module does it. */
export async function detectFeatures(axios, lib) {
  return {
    auth: await probeAuth(axios, lib),
    validatorCache: await probeValidatorCache(axios, lib),
    multipartParser: typeof lib.parseMultipart === 'function' || typeof lib.parseMultipartMixed === 'function',
  };
}
