// The same as consumer.mts for a CommonJS consumer (resolves dist/index.d.cts). Every read below
// is without a cast: a CommonJS TypeScript user gets the same typed `statusPolicy` as an ESM one.
import axios = require('axios');
import lib = require('axios-status-policy');
import status = require('axios-status-policy/status');

const api = axios.create();
lib.attachStatusPolicy(api, { rateLimit: { maxRetries: 1 } });

// The per-request key.
void api.get('/x', { statusPolicy: { rateLimit: false } });
void api.get('/x', { statusPolicy: false });
// @ts-expect-error unknown keys are rejected
void api.get('/x', { statusPolicy: { rateLimt: false } });

// response.statusPolicy
void api.get('/x').then((response) => {
  const attempts: number | undefined = response.statusPolicy?.attempts;
  return attempts;
});

// error.statusPolicy after axios's own guard, the way most code reads an axios error.
void api.get('/x').catch((error: unknown) => {
  if (axios.isAxiosError(error)) {
    const attempts: number | undefined = error.statusPolicy?.attempts;
    const status: number | undefined = error.response?.status;
    return [attempts, status];
  }
  return [];
});

// The same through the package's guard, which also says the info is there.
void api.get('/x').catch((error: unknown) => {
  if (lib.isStatusPolicyError(error)) {
    const attempts: number = error.statusPolicy.attempts;
    return attempts;
  }
  return 0;
});

// A known status code always has an entry (no `?.` under strict).
const phrase: string = status.statusInfo(503).phrase;
const maybe: string | undefined = status.statusInfo(Number('599'))?.phrase;
void [phrase, maybe];

// The tabs coordinator from CommonJS: its Coordinator is the main entry's.
import tabs = require('axios-status-policy/tabs');
const shared: lib.Coordinator = tabs.tabsCoordinator({ name: 'app' });
lib.attachStatusPolicy(axios.create(), { coordinator: shared });

// The per-factory entries from CommonJS: one Policy type with `axios-status-policy/compose`.
import attach = require('axios-status-policy/compose/attach');
import compose = require('axios-status-policy/compose');
import retryEntry = require('axios-status-policy/compose/retry');
attach.attachPolicies(axios.create(), [retryEntry.retry({ maxRetries: 2 }), compose.rateLimit()]);
// @ts-expect-error unknown keys are rejected
retryEntry.retry({ retries: 3 });
