// Type test against the BUILT package (dist/*.d.ts) as an ESM consumer resolves it by name, under
// node16 and bundler resolution (scripts/check-consumer-types.sh, in npm run lint:package). Proves the augmentation ships in the d.ts.
import axios, { AxiosError } from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';
import { reasonPhrase, statusInfo } from 'axios-status-policy/status';

const api = axios.create();
attachStatusPolicy(api, { retry: { maxRetries: 2 } });
void api.get('/x', { statusPolicy: { retry: false } });
void api.get('/x', { statusPolicy: false });
// @ts-expect-error unknown keys are rejected
void api.get('/x', { statusPolicy: { retries: 3 } });

void api.get('/x').then((response) => response.statusPolicy?.attempts);
void api.get('/x').catch((error: unknown) => {
  if (axios.isAxiosError(error)) return error.statusPolicy?.attempts;
  if (error instanceof AxiosError) return error.statusPolicy?.reason;
  return undefined;
});

// A known status code always has an entry (no `?.` under strict); any other number may not.
const phrase: string = statusInfo(503).phrase;
const reason: string = reasonPhrase(429);
// @ts-expect-error an arbitrary number may have no entry
const unknownPhrase: string = statusInfo(Number('599')).phrase;
void [phrase, reason, unknownPhrase];

// The tabs coordinator's Coordinator is the main entry's: accepted by `coordinator` as is.
import { tabsCoordinator } from 'axios-status-policy/tabs';
import type { Coordinator } from 'axios-status-policy';
const tabs: Coordinator = tabsCoordinator({ name: 'app', onToken: ({ token, expiresAt }) => void [token, expiresAt] });
attachStatusPolicy(axios.create(), { coordinator: tabs, auth: { refresh: () => 'token' } });

// The per-factory entries (for Metro) and the compose entry share one Policy type: a factory from
// `compose/<name>` is accepted by either `attachPolicies`, and options stay typed.
import { attachPolicies } from 'axios-status-policy/compose/attach';
import { attachPolicies as attachFromCompose, auth as authFromCompose } from 'axios-status-policy/compose';
import { retry } from 'axios-status-policy/compose/retry';
import { rateLimit } from 'axios-status-policy/compose/rateLimit';
import { auth } from 'axios-status-policy/compose/auth';
attachPolicies(axios.create(), [retry({ maxRetries: 2 }), rateLimit(), auth({ refresh: () => 'token' })]);
attachFromCompose(axios.create(), [retry(), authFromCompose({ refresh: () => 'token' })]);
// @ts-expect-error unknown keys are rejected
retry({ retries: 3 });
