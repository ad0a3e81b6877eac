// The same as consumer.mts for a CommonJS consumer (resolves dist/index.d.cts).
import axios = require('axios');
import lib = require('axios-status-policy');

const api = axios.create();
lib.attachStatusPolicy(api, { rateLimit: { maxRetries: 1 } });
void api.get('/x', { statusPolicy: { rateLimit: false } });
// @ts-expect-error unknown keys are rejected
void api.get('/x', { statusPolicy: { rateLimt: false } });

// Responses carry statusPolicy; on errors, the guard narrows to it (the CJS typings of axios
// cannot take the AxiosError augmentation).
void api.get('/x').then((r) => r.statusPolicy?.attempts);
void api.get('/x').catch((e: unknown) => {
  if (lib.isStatusPolicyError(e)) {
    const attempts: number = e.statusPolicy.attempts;
    return attempts;
  }
  return 0;
});
