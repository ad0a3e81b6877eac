// Starts oauth-server.mjs (a real oidc-provider with rotating refresh tokens and reuse detection)
// as its own process, and speaks OAuth to it as an app would: one authorization-code login with
// PKCE, then refresh-token grants. Loopback only; stopped by PID.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as the token endpoint says. */
  expiresIn: number;
}

export interface ServerStats {
  refreshes: number;
  refreshFailures: number;
  ok: number;
  unauthorized: number;
  revokedGrants: number;
}

export interface OAuthServer {
  issuer: string;
  /** The resource server's URL: 200 with a valid access token, 401 otherwise. */
  api: string;
  /** The user signs in once: the first access and refresh token. */
  login(): Promise<Tokens>;
  /** One refresh-token grant; the refresh token given is used up (rotation). Throws on `invalid_grant`. */
  refresh(refreshToken: string): Promise<Tokens>;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const REDIRECT_URI = 'http://127.0.0.1/callback';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function tokensFrom(body: unknown): Tokens {
  if (!isRecord(body) || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new Error(`token endpoint: ${JSON.stringify(body)}`);
  }
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn: body.expires_in };
}

export async function startOAuthServer(accessTokenSeconds: number): Promise<OAuthServer> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oauth-server.mjs'), String(accessTokenSeconds)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`oauth-server exited with ${code}`)));
    child.stdout?.once('data', (line: Buffer) => resolve((JSON.parse(line.toString()) as { issuer: string }).issuer));
  });

  const tokenGrant = async (params: Record<string, string>): Promise<Tokens> => {
    const res = await fetch(`${issuer}/token`, { method: 'POST', body: new URLSearchParams({ client_id: 'app', ...params }) });
    return tokensFrom(await res.json());
  };

  async function login(): Promise<Tokens> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const cookies = new Map<string, string>();
    let url = `${issuer}/auth?${new URLSearchParams({
      client_id: 'app',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid offline_access',
      prompt: 'consent',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;
    // /auth → /interaction/… (finished at once by the server) → /auth/… → the callback with a code.
    for (let hop = 0; hop < 5; hop++) {
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const next = new URL(res.headers.get('location') ?? '', url);
      const code = next.searchParams.get('code');
      if (next.href.startsWith(REDIRECT_URI) && code) {
        return tokenGrant({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
      }
      url = next.href;
    }
    throw new Error('oauth-server: no authorization code after 5 hops');
  }

  return {
    issuer,
    api: `${issuer}/api`,
    login,
    refresh: (refreshToken) => tokenGrant({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    stats: async () => (await (await fetch(`${issuer}/stats`)).json()) as ServerStats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
