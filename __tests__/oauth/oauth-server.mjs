// A real OAuth 2.0 authorization server (oidc-provider) with a resource server beside it, for the
// refresh tests: a public client whose refresh tokens rotate on every use, and whose grant is revoked
// when a used refresh token comes back (reuse detection, RFC 9700 §4.14.2). Run as its own process
// (oidc-provider is ESM-only and reads its clock from the real one): it prints one JSON line
// `{ "issuer": "http://127.0.0.1:PORT" }` once listening, and serves:
//   /auth, /token, …      the provider (the interaction is finished at once for the account "user")
//   GET  /api             the resource: 200 with a valid access token, 401 otherwise
//   GET  /stats           what happened: refreshes, 401s, 200s, revoked grants
// Loopback only. Argument: the access token lifetime in seconds (default 3).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const accessTokenSeconds = Number(process.argv[2] ?? 3);
const stats = { refreshes: 0, refreshFailures: 0, ok: 0, unauthorized: 0, revokedGrants: 0 };

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'app',
      token_endpoint_auth_method: 'none', // a public client: its refresh tokens rotate on every use
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
    },
  ],
  features: { devInteractions: { enabled: false } },
  scopes: ['openid', 'offline_access'],
  ttl: { AccessToken: accessTokenSeconds, RefreshToken: 24 * 3600, Grant: 24 * 3600, Session: 3600, Interaction: 600 },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
  // Consent for offline_access is what makes the provider issue a refresh token.
  issueRefreshToken: async () => true,
  rotateRefreshToken: () => true,
});
provider.on('grant.success', (ctx) => {
  if (ctx.oidc.params.grant_type === 'refresh_token') stats.refreshes++;
});
provider.on('grant.error', (ctx) => {
  if (ctx.oidc.params?.grant_type === 'refresh_token') stats.refreshFailures++;
});
provider.on('grant.revoked', () => stats.revokedGrants++);

const providerCallback = provider.callback();

/** The login and consent screen, answered at once: the account "user" grants what was asked. */
async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: 'user', clientId: details.params.client_id });
  grant.addOIDCScope('openid offline_access');
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: 'user' }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

async function resource(req, res) {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const found = token ? await provider.AccessToken.find(token) : undefined;
  if (!found || found.isExpired) {
    stats.unauthorized++;
    res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
    return;
  }
  stats.ok++;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
}

server.on('request', (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  const handle = path.startsWith('/interaction/')
    ? finishInteraction(req, res)
    : path === '/api'
      ? resource(req, res)
      : path === '/stats'
        ? Promise.resolve(res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats)))
        : Promise.resolve(providerCallback(req, res));
  handle.catch((error) => {
    if (!res.headersSent) res.writeHead(500).end(String(error));
  });
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
